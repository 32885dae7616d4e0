package org.camelshop.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.camelshop.inventory.InventoryRouteTest;
import org.camelshop.inventory.StockKeeper;
import org.camelshop.pricing.Quote.PricedLine;
import org.camelshop.testing.RecordingDeadLetters;
import org.camelshop.testing.RouteUnderTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Route test of order-processor.yaml with the shared queue-consumer error handling ({@link RouteUnderTest}): only
 * those two YAML files are loaded, the beans they call by name are small fakes of the interfaces those routes call
 * ({@link PendingOrders}, {@link StockKeeper}) bound first, the SQS consumer is replaced by a direct endpoint and the
 * e-mail queue by a mock. No emulator, no network.
 */
class OrderProcessorRouteTest {

    /** Stands in for OrderProcessor: answers from a script and records what the route passed on. */
    public static final class ScriptedProcessor implements PendingOrders {
        Order pending = InvoicesTest.order(List.of());
        String answer;
        RuntimeException failure;
        final List<String> outcomes = new ArrayList<>();

        @Override
        public Order pendingOrder(String message) {
            if (failure != null) {
                throw failure;
            }
            return pending;
        }

        @Override
        public String afterReservation(Order order, boolean reserved) {
            outcomes.add(order.orderId() + (reserved ? " reserved" : " short"));
            return answer;
        }
    }

    /** Stands in for Inventory: holds stock or not, as told. */
    public static final class ScriptedInventory implements StockKeeper {
        boolean inStock = true;
        final List<String> reserved = new ArrayList<>();

        @Override
        public boolean reserve(String orderId, String orderNumber, List<PricedLine> items) {
            reserved.add(orderId);
            return inStock;
        }
    }

    private final ScriptedProcessor processor = new ScriptedProcessor();
    private final ScriptedInventory inventory = new ScriptedInventory();
    private final RecordingDeadLetters deadLetters = new RecordingDeadLetters();
    private RouteUnderTest route;
    private ProducerTemplate orderQueue;
    private MockEndpoint emailQueue;

    @BeforeEach
    void startRoute() throws Exception {
        route = RouteUnderTest.start(Map.of(
                        "order-processor", advice -> advice.replaceFromWith("direct:order-processing-queue"),
                        "process-order", advice -> advice.weaveByToUri("aws2-sqs:*").replace().to("mock:email-queue"),
                        "publish-stock-event", advice -> advice.weaveByToUri("aws2-sqs:*").replace().to("mock:inventory-queue"),
                        "inventory-updater", advice -> advice.replaceFromWith("direct:inventory-update-queue")),
                Map.of("shop.queue.orders", "order-processing-queue", "shop.queue.email", "email-notification-queue",
                        "shop.queue.inventory", "inventory-update-queue", "shop.queue.orders-consumers", "1",
                        "shop.queue.inventory-consumers", "1", "shop.queue.orders-visibility-seconds", "300",
                        "shop.queue.inventory-visibility-seconds", "60"),
                Map.of("orderProcessor", processor, "inventory", inventory, "stockFlags", new InventoryRouteTest.RecordingFlags(), "deadLetters", deadLetters),
                "queue-consumers.yaml", "background.yaml", "order-processor.yaml", "inventory.yaml");
        orderQueue = route.producer();
        emailQueue = route.mock("mock:email-queue");
    }

    @AfterEach
    void stopRoute() {
        route.close();
    }

    @Test
    void aPendingOrderIsReservedThroughTheInventoryRouteAndQueuesItsMail() throws Exception {
        processor.answer = "{\"template\":\"order_received\"}";
        emailQueue.expectedBodiesReceived("{\"template\":\"order_received\"}");

        orderQueue.sendBody("direct:order-processing-queue", "{\"order_id\":\"o-1\"}");

        emailQueue.assertIsSatisfied();
        assertEquals(List.of("o-1"), inventory.reserved);
        assertEquals(List.of("o-1 reserved"), processor.outcomes);
    }

    @Test
    void anOrderWhoseStockIsShortIsToldSo() throws Exception {
        inventory.inStock = false;
        processor.answer = "{\"template\":\"order_cancelled\"}";
        emailQueue.expectedBodiesReceived("{\"template\":\"order_cancelled\"}");

        orderQueue.sendBody("direct:order-processing-queue", "{\"order_id\":\"o-1\"}");

        emailQueue.assertIsSatisfied();
        assertEquals(List.of("o-1 short"), processor.outcomes);
    }

    @Test
    void anAlreadyProcessedOrderReservesNothingAndQueuesNothing() throws Exception {
        processor.pending = null;
        emailQueue.expectedMessageCount(0);

        orderQueue.sendBody("direct:order-processing-queue", "{\"order_id\":\"o-1\"}");

        emailQueue.assertIsSatisfied();
        assertEquals(List.of(), inventory.reserved);
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
