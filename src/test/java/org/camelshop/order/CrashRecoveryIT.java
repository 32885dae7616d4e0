package org.camelshop.order;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;
import org.camelshop.local.ShopProcess;
import org.camelshop.local.StackPorts;
import org.camelshop.platform.AwsClients;
import org.camelshop.platform.provision.ResourcePlan;
import org.camelshop.testing.StoredReservations;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code kill -9} of the shop with orders in flight, on a stack of its own that outlives it: after a restart every
 * order the shop stored (and so every order it accepted) is processed exactly once, and the stock adds up.
 */
class CrashRecoveryIT {

    private static final int STOCK = 60;
    private static final int BUYERS = 40;
    private static final String ADDRESS = "{\"name\":\"Ann\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    private static final String PLACEMENT = "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
            + ",\"payment_method\":\"stripe\",\"accept_terms\":true,\"email\":\"crash@example.com\"}";
    /**
     * Messages held by the killed JVM come back after 5 s (a live consumer keeps extending the visibility of what it is
     * still working on, so a slow machine does not see them twice); unqueued orders are found within seconds; short
     * long-polls, so the dead shop's open polls at the queue end soon.
     */
    private static final Map<String, String> SETTINGS = Map.of(
            "shop.queue.orders-visibility-seconds", "5",
            "shop.queue.email-visibility-seconds", "5",
            "shop.queue.wait-seconds", "1",
            "shop.queue.retry-base-seconds", "1",
            "shop.order.requeue-scan-seconds", "2",
            "shop.order.requeue-grace-seconds", "2",
            "shop.rate-limit.cart.limit", "100000",
            "shop.rate-limit.public.limit", "100000",
            // the test sells a product of its own
            "shop.sample-catalog.load", "false");

    @Test
    void everyStoredOrderCompletesOnceAfterAKillAndRestart() throws Exception {
        try (LocalStack stack = LocalStack.start(StackPorts.free())) {
            int port = StackPorts.freePort();
            RunningShop shop = RunningShop.at(port);
            List<JsonNode> accepted = new ArrayList<>();
            String productId;
            try (ShopProcess first = ShopProcess.start(stack.ports(), port, SETTINGS, Path.of("target", "crash-test-first.log")).awaitReady()) {
                productId = productWithStock(shop, STOCK);
                accepted.addAll(placeOrdersAndKill(shop, productId, first));
            }
            assertTrue(accepted.size() >= BUYERS / 2, "the shop accepted orders before it died: " + accepted.size());

            try (ShopProcess second = ShopProcess.start(stack.ports(), port, SETTINGS, Path.of("target", "crash-test-second.log")).awaitReady()) {
                AwsClients aws = stack.awsClients();
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                        .until(() -> ordersOf(aws, productId).stream().noneMatch(o -> "pending".equals(o.get("order_status").s())));
                List<Map<String, AttributeValue>> orders = ordersOf(aws, productId);
                Set<String> stored = orders.stream().map(o -> o.get("order_id").s()).collect(Collectors.toSet());
                accepted.forEach(receipt -> assertTrue(stored.contains(receipt.get("order_id").asText()), "accepted means stored"));
                assertTrue(orders.stream().allMatch(o -> "awaiting_payment".equals(o.get("order_status").s())),
                        "stock for all " + orders.size() + " orders: every one reserved, none cancelled");

                Map<String, AttributeValue> product = aws.dynamoDb().getItem(r -> r.tableName(ResourcePlan.PRODUCTS).consistentRead(true)
                        .key(Map.of("product_id", AttributeValue.fromS(productId)))).item();
                assertEquals(STOCK - orders.size(), Integer.parseInt(product.get("stock_quantity").n()), "each order took its piece once");
                assertEquals(stored.stream().map(id -> id + ":0").collect(Collectors.toSet()), StoredReservations.held(aws, productId),
                        "one reservation per stored order, and no other");
            }
        }
    }

    private static String productWithStock(RunningShop shop, int stock) {
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Crash Test Mug\",\"price\":1500,\"category\":\"Merchandise\","
                + "\"sku\":\"CRASH-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"stock_quantity\":" + stock + "}", shop.loginAdmin());
        assertEquals(201, created.statusCode(), created.body());
        return json(created).get("product_id").asText();
    }

    /** Buyers place orders from 8 threads; the shop is killed once half of them were accepted. */
    private static List<JsonNode> placeOrdersAndKill(RunningShop shop, String productId, ShopProcess process) throws Exception {
        ConcurrentLinkedQueue<JsonNode> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService buyers = Executors.newFixedThreadPool(8);
        for (int i = 0; i < BUYERS; i++) {
            buyers.submit(() -> {
                try {
                    String session = UUID.randomUUID().toString();
                    HttpResponse<String> added = asGuest(shop, session, "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}");
                    if (added.statusCode() == 200) {
                        HttpResponse<String> placed = asGuest(shop, session, "/api/orders/create", PLACEMENT);
                        if (placed.statusCode() == 202) {
                            accepted.add(json(placed));
                        }
                    }
                } catch (RuntimeException shopGone) {
                    // the shop was killed under this buyer: the order was not accepted
                } finally {
                    done.incrementAndGet();
                }
            });
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> accepted.size() >= BUYERS / 2 || done.get() == BUYERS);
        process.kill();
        buyers.shutdown();
        assertTrue(buyers.awaitTermination(60, TimeUnit.SECONDS));
        return new ArrayList<>(accepted);
    }

    private static HttpResponse<String> asGuest(RunningShop shop, String session, String path, String body) {
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).header("X-Session-Id", session)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Every stored order for the product, straight from DynamoDB (including any the shop never answered for). */
    private static List<Map<String, AttributeValue>> ordersOf(AwsClients aws, String productId) {
        return aws.dynamoDb().scanPaginator(r -> r.tableName(ResourcePlan.ORDERS).consistentRead(true)).items().stream()
                .filter(item -> item.get("items").toString().contains(productId))
                .toList();
    }
}
