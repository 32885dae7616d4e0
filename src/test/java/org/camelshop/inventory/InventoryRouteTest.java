package org.camelshop.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.camelshop.order.InvoicesTest;
import org.camelshop.pricing.Quote.PricedLine;
import org.camelshop.testing.RecordingDeadLetters;
import org.camelshop.testing.RouteUnderTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Route test of inventory.yaml with the shared queue-consumer error handling: stock events go out on
 * inventory-update-queue (a mock here), the inventory-updater applies each one it receives, and a failing one is
 * retried and finally moved to the DLQ with its original body. The beans are fakes of the interfaces the routes call
 * ({@link StockKeeper}, {@link StockEventHandler}), so a renamed or re-typed bean method breaks this test's compilation.
 */
public class InventoryRouteTest {

    /** Stands in for StockFlags: records each event and answers whether it opened a restock episode. */
    public static final class RecordingFlags implements StockEventHandler {
        final List<String> applied = new ArrayList<>();
        boolean opensEpisode;
        RuntimeException failure;

        @Override
        public boolean apply(String message) {
            if (failure != null) {
                throw failure;
            }
            applied.add(message);
            return opensEpisode;
        }

        @Override
        public String productOf(String message) {
            return "p-1";
        }

        @Override
        public String variantOf(String message) {
            return null;
        }
    }

    /** Stands in for Inventory: every order is in stock. */
    public static final class AmpleInventory implements StockKeeper {
        final List<String> reserved = new ArrayList<>();

        @Override
        public boolean reserve(String orderId, String orderNumber, List<PricedLine> items) {
            reserved.add(orderId + " " + orderNumber + " " + items.size());
            return true;
        }
    }

    private final AmpleInventory inventory = new AmpleInventory();
    private final RecordingFlags flags = new RecordingFlags();
    private final RecordingDeadLetters deadLetters = new RecordingDeadLetters();
    private RouteUnderTest route;
    private ProducerTemplate producer;
    private MockEndpoint inventoryQueue;

    @BeforeEach
    void startRoutes() throws Exception {
        route = RouteUnderTest.start(Map.of(
                        "publish-stock-event", advice -> advice.weaveByToUri("aws2-sqs:*").replace().to("mock:inventory-queue"),
                        "inventory-updater", advice -> advice.replaceFromWith("direct:inventory-update-queue"),
                        "update-inventory", advice -> advice.weaveByToUri("direct:notify-restock").replace().to("mock:notify-restock")),
                Map.of("shop.queue.inventory", "inventory-update-queue", "shop.queue.inventory-consumers", "1",
                        "shop.queue.inventory-visibility-seconds", "60"),
                Map.of("inventory", inventory, "stockFlags", flags, "deadLetters", deadLetters),
                "queue-consumers.yaml", "background.yaml", "inventory.yaml");
        producer = route.producer();
        inventoryQueue = route.mock("mock:inventory-queue");
    }

    @AfterEach
    void stopRoutes() {
        route.close();
    }

    @Test
    void stockEventsArePublishedOnTheInventoryQueue() throws Exception {
        String event = "{\"type\":\"out_of_stock\",\"product_id\":\"p-1\",\"stock_quantity\":0,\"occurred_at\":\"2026-11-25T10:00:00Z\"}";
        inventoryQueue.expectedBodiesReceived(event);

        producer.sendBody(StockEvents.ENDPOINT, event);

        inventoryQueue.assertIsSatisfied();
    }

    @Test
    void theReserveRouteAnswersInAHeader() {
        Exchange result = producer.request("direct:reserve-stock", e -> e.getMessage().setBody(InvoicesTest.order(List.of())));

        assertEquals(Boolean.TRUE, result.getMessage().getHeader("ShopStockReserved"));
        assertEquals(List.of("o-1 CS-20261125-ABC 0"), inventory.reserved);
    }

    @Test
    void aNewRestockEpisodeNotifiesTheProductsWatchers() throws Exception {
        flags.opensEpisode = true;
        MockEndpoint notify = route.mock("mock:notify-restock");
        notify.expectedHeaderReceived("ShopProductId", "p-1");

        producer.request("direct:inventory-update-queue", e -> e.getMessage().setBody("{\"type\":\"back_in_stock\"}"));

        notify.assertIsSatisfied();
        assertEquals(List.of("{\"type\":\"back_in_stock\"}"), flags.applied);
        assertTrue(deadLetters.calls.isEmpty());
    }

    @Test
    void aStaleOrRepeatedEventNotifiesNobody() throws Exception {
        MockEndpoint notify = route.mock("mock:notify-restock");
        notify.expectedMessageCount(0);

        producer.request("direct:inventory-update-queue", e -> e.getMessage().setBody("{\"type\":\"back_in_stock\"}"));

        notify.assertIsSatisfied();
    }

    @Test
    void aFailingEventIsRetriedAndItsLastFailureEndsInTheDeadLetterQueue() {
        flags.failure = new IllegalArgumentException("unknown stock event type: restock");

        Exchange first = producer.send("direct:inventory-update-queue", e -> e.getMessage().setBody("{\"type\":\"restock\"}"));
        deadLetters.lastAttempt = true;
        Exchange last = producer.send("direct:inventory-update-queue", e -> e.getMessage().setBody("{\"type\":\"restock\"}"));

        assertEquals(IllegalArgumentException.class, first.getException().getClass(), "not handled: SQS keeps the message");
        assertNull(last.getException(), "handled once the DLQ copy exists");
        assertEquals(List.of("retry", "dlq:{\"type\":\"restock\"}"), deadLetters.calls);
    }
}
