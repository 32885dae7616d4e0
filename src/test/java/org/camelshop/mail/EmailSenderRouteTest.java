package org.camelshop.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.camelshop.testing.RecordingDeadLetters;
import org.camelshop.testing.RouteUnderTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Route test of email.yaml: SES replaced by a mock, the real Mailer over a fake of the order domain (its OrderContent
 * interface), the dead-letter bean by a fake; the templates are the real ones. Shows the skip of an already-sent mail, and the circuit breaker opening after SES failed 5 times, after which mails are deferred at
 * once, without calling SES and without using up their receives (nothing is lost).
 */
class EmailSenderRouteTest {

    /** Stands in for the order domain: every order is the rendering test's, and its mails are recorded here. */
    static final class FakeOrders implements OrderContent {
        boolean alreadySent;
        final List<String> recorded = new ArrayList<>();

        @Override
        public Optional<Composed> compose(String orderId, String template, String mailKey) {
            return alreadySent ? Optional.empty()
                    : Optional.of(new Composed("Order " + orderId, MailRenderingTest.order(false, false), messageId -> recorded.add(orderId)));
        }
    }

    private final FakeOrders orders = new FakeOrders();
    private final Mailer mailer = new Mailer(orders, null, MailRenderingTest.BRAND, "shop@example.com");
    private final RecordingDeadLetters deadLetters = new RecordingDeadLetters();
    private final ExecutorService sesSends = Executors.newFixedThreadPool(1);
    private RouteUnderTest route;
    private ProducerTemplate emailQueue;
    private MockEndpoint ses;

    @BeforeEach
    void startRoute() throws Exception {
        route = RouteUnderTest.start(
                Map.of("email-sender", advice -> advice.replaceFromWith("direct:email-notification-queue"),
                        "send-email", advice -> advice.weaveByToUri("aws2-ses:*").replace().to("mock:ses")),
                Map.of("shop.queue.email", "email-notification-queue", "shop.queue.email-consumers", "1", "shop.queue.email-visibility-seconds", "60",
                        "shop.mail.from", "shop@example.com", "shop.breaker.window-seconds", "60", "shop.breaker.minimum-calls", "5",
                        "shop.breaker.failure-rate-percent", "50", "shop.breaker.open-seconds", "60", "shop.breaker.call-timeout-ms", "30000"),
                Map.of("mailer", mailer, "deadLetters", deadLetters, "sesSendExecutor", sesSends),
                "queue-consumers.yaml", "background.yaml", "email.yaml");
        emailQueue = route.producer();
        ses = route.mock("mock:ses");
    }

    @AfterEach
    void stopRoute() {
        route.close();
        sesSends.shutdownNow();
    }

    private static String request(String orderId) {
        return MailRequest.aboutOrder("order_received", "ann@example.com", orderId);
    }

    @Test
    void rendersSendsAndRecordsAMail() throws Exception {
        ses.expectedMessageCount(1);
        emailQueue.sendBody("direct:email-notification-queue", request("o-1"));
        ses.assertIsSatisfied();
        MimeMessage sent = ses.getReceivedExchanges().get(0).getMessage().getBody(MimeMessage.class);
        assertEquals("Order o-1", sent.getSubject());
        assertEquals("ann@example.com", sent.getAllRecipients()[0].toString());
        MimeMultipart parts = (MimeMultipart) sent.getContent();
        assertTrue(parts.getBodyPart(0).getContent().toString().contains("Please complete payment within 30 minutes"), "the text part");
        assertTrue(parts.getBodyPart(1).getContent().toString().contains("<strong>CS-20261130-ABC</strong>"), "the HTML part");
        assertEquals(List.of("o-1"), orders.recorded);
    }

    @Test
    void aMailAlreadySentIsSkipped() throws Exception {
        orders.alreadySent = true;
        ses.expectedMessageCount(0);
        emailQueue.sendBody("direct:email-notification-queue", request("o-1"));
        ses.assertIsSatisfied();
        assertEquals(0, orders.recorded.size());
    }

    @Test
    void theBreakerOpensAfterFiveFailuresAndThenDefersMailsWithoutCallingSes() {
        ses.whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("SES unavailable");
        });
        for (int i = 0; i < 5; i++) {
            String body = request("o-" + i);
            Exchange failed = emailQueue.send("direct:email-notification-queue", e -> e.getMessage().setBody(body));
            assertNotNull(failed.getException(), "attempt " + i + " fails and stays unhandled");
        }
        int sesCalls = ses.getReceivedCounter();

        Exchange rejected = emailQueue.send("direct:email-notification-queue", e -> e.getMessage().setBody(request("o-5")));

        assertNull(rejected.getException(), "handled: a deferred copy is on the queue, so the original may go");
        assertEquals(sesCalls, ses.getReceivedCounter(), "an open breaker does not call SES");
        assertEquals(List.of("retry", "retry", "retry", "retry", "retry", "defer:" + request("o-5")), deadLetters.calls,
                "SES failures are retried with back-off; while the breaker is open mails wait without using up their receives");
        assertEquals(0, orders.recorded.size());
    }
}
