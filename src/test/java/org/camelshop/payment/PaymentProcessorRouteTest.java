package org.camelshop.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultRegistry;
import org.camelshop.order.Order;
import org.camelshop.payment.PaymentCheck.Outcome;
import org.camelshop.platform.ShopMetrics;
import org.camelshop.testing.RecordingDeadLetters;
import org.camelshop.testing.RouteUnderTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Route test of payment-processor.yaml with the shared queue-consumer handling, the real payment breakers and fakes of
 * the interfaces the routes call on the processor bean and the gateways ({@link PaymentSettlement}, {@link PaymentProvider},
 * {@link CancellableProvider}; {@link RouteUnderTest}): which provider is asked, what reaches the e-mail queue,
 * and how a failing provider first retries and, once its breaker is open, is deferred without being called.
 */
class PaymentProcessorRouteTest {

    /** Stands in for PaymentProcessor: skips what the script says, settles as scripted. */
    public static final class ScriptedProcessor implements PaymentSettlement {
        boolean skip;
        String mail;
        Refunds.Plan refund;
        String refundMail;
        List<String> cancelIntents = List.of();
        final List<PaymentCheck> settled = new ArrayList<>();
        final List<String> refundedExtra = new ArrayList<>();

        @Override
        public PaymentProcessor.Payment load(String body) {
            return skip ? null : new PaymentProcessor.Payment(null, body.contains("paypal") ? "paypal" : "stripe",
                    body.contains("paypal") ? "PAYPAL-1" : "pi_1");
        }

        @Override
        public PaymentProcessor.Settlement settle(Order order, PaymentCheck check) {
            settled.add(check);
            return new PaymentProcessor.Settlement(mail, cancelIntents, refund);
        }

        @Override
        public String intentCancelled(Order order, PaymentCheck check) {
            return check.succeeded() ? "{\"order_id\":\"o-1\",\"provider\":\"stripe\",\"reference\":\"" + check.reference() + "\"}" : null;
        }

        @Override
        public String refundedExtra(Refunds.Plan plan, StripeGateway.RefundResult result) {
            refundedExtra.add(result.id());
            return refundMail;
        }
    }

    /** Stands in for a gateway: counts calls, answers succeeded or fails like an unreachable provider. */
    public static class FakeGateway implements PaymentProvider {
        final String provider;
        final List<String> calls = new ArrayList<>();
        final List<String> refunds = new ArrayList<>();
        boolean down;

        FakeGateway(String provider) {
            this.provider = provider;
        }

        @Override
        public PaymentCheck check(String reference) {
            calls.add(reference);
            if (down) {
                throw new ProviderUnavailable(provider, "connection refused", null);
            }
            return new PaymentCheck(provider, reference, "o-1", Outcome.SUCCEEDED, 5313, "usd", reference, null, null);
        }

        @Override
        public StripeGateway.RefundResult refund(Refunds.Plan plan) {
            refunds.add(plan.key());
            return new StripeGateway.RefundResult("re_" + plan.paymentId(), plan.amount(), "succeeded");
        }
    }

    /** Stands in for Stripe, whose open PaymentIntents can also be cancelled: records each, one may have been paid first. */
    public static final class FakeStripe extends FakeGateway implements CancellableProvider {
        final List<String> cancelled = new ArrayList<>();
        String paidBeforeCancel;

        FakeStripe() {
            super("stripe");
        }

        @Override
        public PaymentCheck cancel(String intent) {
            cancelled.add(intent);
            return new PaymentCheck(provider, intent, "o-1", intent.equals(paidBeforeCancel) ? Outcome.SUCCEEDED : Outcome.PENDING, 5313, "usd",
                    intent, null, null);
        }
    }

    private final ScriptedProcessor processor = new ScriptedProcessor();
    private final FakeStripe stripe = new FakeStripe();
    private final FakeGateway paypal = new FakeGateway("paypal");
    private final RecordingDeadLetters deadLetters = new RecordingDeadLetters();
    private RouteUnderTest route;
    private ProducerTemplate queue;
    private MockEndpoint emailQueue;

    @BeforeEach
    void startRoute() throws Exception {
        // the defaults of application.properties: a 60 s window, open at 50 % of at least 5 calls, for 60 s, then 1 probe
        PaymentBreakers breakers = new PaymentBreakers(new PaymentSettings.Breakers(60, 5, 50, 60, 1));
        DefaultRegistry registry = new DefaultRegistry();
        breakers.bind(registry, new ShopMetrics(new DefaultCamelContext()));
        Map<String, Object> beans = new HashMap<>(Map.of("paymentProcessor", processor, "stripeGateway", stripe, "paypalGateway", paypal,
                "paymentBreakers", breakers, "deadLetters", deadLetters));
        for (String name : List.of("stripeCircuitBreaker", "paypalCircuitBreaker")) {
            beans.put(name, registry.lookupByName(name));
        }
        route = RouteUnderTest.start(
                Map.of("payment-processor", advice -> advice.replaceFromWith("direct:payment-processing-queue"),
                        "process-payment", advice -> advice.weaveByToUri("aws2-sqs:*").replace().to("mock:email-queue")),
                Map.of("shop.queue.payments", "payment-processing-queue", "shop.queue.email", "email-notification-queue",
                        "shop.queue.payments-consumers", "1", "shop.queue.payments-visibility-seconds", "300",
                        "shop.breaker.call-timeout-ms", "30000"),
                beans,
                "queue-consumers.yaml", "background.yaml", "payment-processor.yaml", "payment-providers.yaml");
        queue = route.producer();
        emailQueue = route.mock("mock:email-queue");
    }

    @AfterEach
    void stopRoute() {
        route.close();
    }

    private Exchange deliver(String provider) {
        return queue.send("direct:payment-processing-queue",
                e -> e.getMessage().setBody("{\"order_id\":\"o-1\",\"provider\":\"" + provider + "\",\"reference\":\"r\"}"));
    }

    @Test
    void aVerifiedStripePaymentQueuesTheConfirmationMail() throws Exception {
        processor.mail = "{\"template\":\"order_confirmed\"}";
        emailQueue.expectedBodiesReceived("{\"template\":\"order_confirmed\"}");

        deliver("stripe");

        emailQueue.assertIsSatisfied();
        assertEquals(List.of("pi_1"), stripe.calls);
        assertEquals(List.of(), paypal.calls);
        assertEquals(Outcome.SUCCEEDED, processor.settled.get(0).outcome());
    }

    @Test
    void aPayPalPaymentIsVerifiedWithPayPal() {
        deliver("paypal");

        assertEquals(List.of("PAYPAL-1"), paypal.calls);
        assertEquals(List.of(), stripe.calls);
    }

    @Test
    void aSettledOrderAsksNoProviderAndQueuesNothing() throws Exception {
        processor.skip = true;
        emailQueue.expectedMessageCount(0);

        deliver("stripe");

        emailQueue.assertIsSatisfied();
        assertEquals(List.of(), stripe.calls);
        assertEquals(List.of(), deadLetters.calls);
    }

    @Test
    void aFailingProviderIsRetriedUntilItsBreakerOpensThenDeferredWithoutACall() {
        stripe.down = true;
        for (int i = 1; i <= 5; i++) {
            Exchange failed = deliver("stripe");
            assertTrue(failed.getException() != null, "delivery " + i + " stays unhandled: SQS keeps the message");
        }
        assertEquals(5, stripe.calls.size());
        assertEquals(List.of("retry", "retry", "retry", "retry", "retry"), deadLetters.calls.subList(0, 5));

        Exchange deferred = deliver("stripe");

        assertEquals(5, stripe.calls.size(), "the open breaker answers without calling Stripe");
        assertTrue(deadLetters.calls.get(5).startsWith("defer:"), deadLetters.calls.toString());
        assertNull(deferred.getException(), "handled once the delayed copy exists");
        assertEquals(List.of(), paypal.calls, "PayPal's breaker is its own");
    }

    @Test
    void aPaymentForACancelledOrderIsRefundedThroughItsProvider() throws Exception {
        processor.refund = new Refunds.Plan("o-1", "paypal", "CAP-1", 5313, "usd", "paid after cancellation", "refund-late-CAP-1");
        emailQueue.expectedMessageCount(0);

        deliver("paypal");

        emailQueue.assertIsSatisfied();
        assertEquals(List.of("refund-late-CAP-1"), paypal.refunds);
        assertEquals(List.of(), stripe.refunds);
        assertEquals(List.of("re_CAP-1"), processor.refundedExtra);
    }

    @Test
    void aSecondPaymentIsRefundedAndItsMailQueued() throws Exception {
        processor.refund = new Refunds.Plan("o-1", "stripe", "pi_2", 5313, "usd", "paid twice", "refund-duplicate-pi_2");
        processor.refundMail = "{\"template\":\"payment_duplicate_refunded\"}";
        emailQueue.expectedBodiesReceived("{\"template\":\"payment_duplicate_refunded\"}");

        deliver("stripe");

        emailQueue.assertIsSatisfied();
        assertEquals(List.of("refund-duplicate-pi_2"), stripe.refunds);
        assertEquals(List.of("re_pi_2"), processor.refundedExtra);
    }

    @Test
    void onceAnOrderIsPaidItsOtherIntentsAreCancelledAndOneThatSucceededFirstGoesBackToTheQueue() throws Exception {
        processor.cancelIntents = List.of("pi_open", "pi_raced");
        stripe.paidBeforeCancel = "pi_raced";
        emailQueue.expectedBodiesReceived("{\"order_id\":\"o-1\",\"provider\":\"stripe\",\"reference\":\"pi_raced\"}");

        deliver("paypal");

        emailQueue.assertIsSatisfied();
        assertEquals(List.of("pi_open", "pi_raced"), stripe.cancelled);
    }
}
