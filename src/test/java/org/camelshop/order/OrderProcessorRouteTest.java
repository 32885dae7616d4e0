package org.camelshop.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.camelshop.testing.RouteUnderTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Route test of order-processor.yaml with the shared queue-consumer error handling ({@link RouteUnderTest}): only
 * those two YAML files are loaded, the beans they call by name are small fakes bound first, the SQS consumer is
 * replaced by a direct endpoint and the e-mail queue by a mock. No emulator, no network.
 */
class OrderProcessorRouteTest {

    /** Stands in for OrderProcessor: answers from a script. */
    public static final class ScriptedProcessor {
        String answer;
        RuntimeException failure;

        public String process(String message) {
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }

    /** Stands in for DeadLetters: records what the route asked of it. */
    public static final class RecordingDeadLetters {
        final List<String> calls = new ArrayList<>();
        boolean lastAttempt;

        public boolean isLastAttempt(Exchange exchange) {
            return lastAttempt;
        }

        public void moveToDeadLetterQueue(Exchange exchange) {
            calls.add("dlq:" + exchange.getMessage().getBody(String.class));
        }

        public void retryLater(Exchange exchange) {
            calls.add("retry");
        }
    }

    private final ScriptedProcessor processor = new ScriptedProcessor();
    private final RecordingDeadLetters deadLetters = new RecordingDeadLetters();
    private RouteUnderTest route;
    private ProducerTemplate orderQueue;
    private MockEndpoint emailQueue;

    @BeforeEach
    void startRoute() throws Exception {
        route = RouteUnderTest.start("order-processor",
                Map.of("shop.queue.orders", "order-processing-queue", "shop.queue.email", "email-notification-queue",
                        "shop.queue.orders-consumers", "1"),
                Map.of("orderProcessor", processor, "deadLetters", deadLetters),
                advice -> {
                    advice.replaceFromWith("direct:order-processing-queue");
                    advice.weaveByToUri("aws2-sqs:*").replace().to("mock:email-queue");
                },
                "queue-consumers.yaml", "order-processor.yaml");
        orderQueue = route.producer();
        emailQueue = route.mock("mock:email-queue");
    }

    @AfterEach
    void stopRoute() {
        route.close();
    }

    @Test
    void aProcessedOrderQueuesItsMail() throws Exception {
        processor.answer = "{\"template\":\"order_received\"}";
        emailQueue.expectedBodiesReceived("{\"template\":\"order_received\"}");

        orderQueue.sendBody("direct:order-processing-queue", "{\"order_id\":\"o-1\"}");

        emailQueue.assertIsSatisfied();
    }

    @Test
    void anAlreadyProcessedOrderQueuesNothing() throws Exception {
        emailQueue.expectedMessageCount(0);

        orderQueue.sendBody("direct:order-processing-queue", "{\"order_id\":\"o-1\"}");

        emailQueue.assertIsSatisfied();
        assertEquals(List.of(), deadLetters.calls);
    }

    @Test
    void aFailureBeforeTheLastAttemptIsRetriedLaterAndStaysUnhandled() {
        processor.failure = new IllegalStateException("DynamoDB hiccup");

        Exchange result = orderQueue.send("direct:order-processing-queue", e -> e.getMessage().setBody("{\"order_id\":\"o-2\"}"));

        assertEquals(List.of("retry"), deadLetters.calls);
        assertEquals(IllegalStateException.class, result.getException().getClass(), "not handled: SQS keeps the message");
    }

    @Test
    void theLastFailureGoesToTheDeadLetterQueueWithTheOriginalBodyAndIsHandled() {
        processor.failure = new IllegalStateException("poison");
        deadLetters.lastAttempt = true;

        Exchange result = orderQueue.send("direct:order-processing-queue", e -> e.getMessage().setBody("{\"order_id\":\"o-3\"}"));

        assertEquals(List.of("dlq:{\"order_id\":\"o-3\"}"), deadLetters.calls);
        assertNull(result.getException(), "handled once the DLQ copy exists: the original may be deleted");
    }
}
