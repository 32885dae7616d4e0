package org.camelshop.ops;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.platform.provision.ResourcePlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The seed's rollback switches, on shops of their own over the shared stack, used end to end as a shopper would.
 * Every such shop runs with queues off, so none polls SQS and takes messages meant for the shared shop.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollbackSwitchesIT {

    private static final String ADDRESS = "{\"name\":\"Ann\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    private static final String PLACEMENT = "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
            + ",\"payment_method\":\"stripe\",\"accept_terms\":true,\"email\":\"rollback@example.com\"}";

    private final LocalStack stack;
    private RunningShop cacheAndPaymentsOff;

    RollbackSwitchesIT(LocalStack stack) {
        this.stack = stack;
    }

    /**
     * One shop for the cache and the payments switch (a shop start is most of a test's time): the cache test reads and
     * never checks out, the payments test checks out and asserts nothing about the cache.
     */
    private RunningShop cacheAndPaymentsOff() {
        if (cacheAndPaymentsOff == null) {
            cacheAndPaymentsOff = RunningShop.start(stack.ports(),
                    settings("shop.cache.enabled", "false", "shop.payments.enabled", "false", "shop.queues.enabled", "false"));
        }
        return cacheAndPaymentsOff;
    }

    @AfterAll
    void stop() {
        if (cacheAndPaymentsOff != null) {
            cacheAndPaymentsOff.close();
        }
    }

    @Test
    void withQueuesOffAnOrderIsProcessedBeforeTheAnswerAndItsMailIsSent() {
        try (RunningShop shop = RunningShop.start(stack.ports(), settings("shop.queues.enabled", "false"))) {
            assertFalse(shop.camelContext().getRoute("order-processor").getEndpoint().getEndpointUri().contains("?"),
                    "the consumer listens in process, not on SQS");
            String product = productWithStock(shop, 3);

            String first = guestWithCart(shop, product, 2);
            String second = guestWithCart(shop, product, 2);
            JsonNode held = checkout(shop, first);
            JsonNode order = order(shop, held);
            assertEquals("awaiting_payment", order.get("order_status").asText(), "reserved before the 202, no waiting");
            assertEquals(1, json(shop.get("/api/products/" + product)).get("stock_quantity").asInt());
            assertTrue(mailsAbout(shop, held.get("order_number").asText()) >= 1, "the order mail went out in process");

            JsonNode refused = checkout(shop, second);
            JsonNode cancelled = order(shop, refused);
            assertEquals("cancelled", cancelled.get("order_status").asText());
            assertEquals("out_of_stock", cancelled.get("cancel_reason").asText());
            assertEquals(1, json(shop.get("/api/products/" + product)).get("stock_quantity").asInt(), "nothing oversold, nothing lost");

            String session = UUID.randomUUID().toString();
            HttpResponse<String> view = asGuest(shop, session, "POST", "/api/track/view", "{\"product_id\":\"" + product + "\"}");
            assertEquals(202, view.statusCode(), view.body());
        }
    }

    @Test
    void withTheCacheOffEveryReadGoesToDynamoDb() {
        RunningShop shop = cacheAndPaymentsOff();
        String product = productWithStock(shop, 5);
        double cacheLookups = shop.metric("shop_cache_requests_total");
        HttpResponse<String> first = shop.get("/api/products/" + product);
        HttpResponse<String> second = shop.get("/api/products/" + product);
        assertEquals("MISS", first.headers().firstValue("X-Cache").orElseThrow());
        assertEquals("MISS", second.headers().firstValue("X-Cache").orElseThrow());
        assertEquals("MISS", shop.get("/api/products?category=Merchandise").headers().firstValue("X-Cache").orElseThrow());

        // a change written to DynamoDB behind the shop's back (no cache invalidation) shows on the very next read
        stack.awsClients().dynamoDb().updateItem(r -> r.tableName(ResourcePlan.PRODUCTS)
                .key(Map.of("product_id", AttributeValue.fromS(product)))
                .updateExpression("SET price = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromN("4321"))));
        assertEquals(4321, json(shop.get("/api/products/" + product)).get("price").asInt());
        assertEquals(cacheLookups, shop.metric("shop_cache_requests_total"), "Redis was never asked");
    }

    @Test
    void withPaymentsOffCheckoutRefusesClearlyAndBrowsingGoesOn() {
        RunningShop shop = cacheAndPaymentsOff();
        String product = productWithStock(shop, 5);
        assertEquals(200, shop.get("/api/products/" + product).statusCode());
        String session = guestWithCart(shop, product, 1);
        HttpResponse<String> placed = asGuest(shop, session, "POST", "/api/orders/create", PLACEMENT);
        assertEquals(503, placed.statusCode(), placed.body());
        assertEquals("payments_disabled", json(placed).get("error").asText());
        assertEquals("300", placed.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(1, json(asGuest(shop, session, "GET", "/api/cart", null)).get("items").size(), "the cart is kept");
        HttpResponse<String> intent = asGuest(shop, session, "POST", "/api/payment/stripe/intent", "{\"order_id\":\"any\"}");
        assertEquals(503, intent.statusCode(), intent.body());
        assertEquals("payments_disabled", json(intent).get("error").asText());
    }

    @Test
    void featureFlagsAreStablePerVisitorAndServedToThePages(RunningShop shop) {
        String session = UUID.randomUUID().toString();
        HttpResponse<String> first = asGuest(shop, session, "GET", "/api/features", null);
        assertEquals(200, first.statusCode(), first.body());
        JsonNode features = json(first).get("features");
        assertTrue(features.get("recommendations").asBoolean(), "a flag at 100 % is on for everyone");
        assertNotNull(features.get("watchlist-alerts"));
        assertEquals(first.body(), asGuest(shop, session, "GET", "/api/features", null).body(), "the same visitor, the same answer");
        assertFalse(json(shop.get("/api/features")).get("features").get("watchlist-alerts").asBoolean(),
                "an anonymous visitor gets only flags at 100 %");
    }

    /**
     * The switches, and limits out of the way: every test class logs the one local admin in from this address, and
     * the login/admin limits are counted in the shared Redis (rate limits have tests of their own).
     */
    private static Map<String, String> settings(String... switches) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("shop.rate-limit.login.limit", "1000000",
                "shop.rate-limit.admin.limit", "1000000", "shop.rate-limit.cart.limit", "1000000", "shop.rate-limit.public.limit", "1000000"));
        for (int i = 0; i < switches.length; i += 2) {
            settings.put(switches[i], switches[i + 1]);
        }
        return settings;
    }

    private static String productWithStock(RunningShop shop, int stock) {
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Rollback Print\",\"price\":2500,\"category\":\"Merchandise\","
                + "\"sku\":\"RB-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"stock_quantity\":" + stock + "}", shop.loginAdmin());
        assertEquals(201, created.statusCode(), created.body());
        return json(created).get("product_id").asText();
    }

    private static String guestWithCart(RunningShop shop, String product, int quantity) {
        String session = UUID.randomUUID().toString();
        HttpResponse<String> added = asGuest(shop, session, "POST", "/api/cart/add", "{\"product_id\":\"" + product + "\",\"quantity\":" + quantity + "}");
        assertEquals(200, added.statusCode(), added.body());
        return session;
    }

    private static JsonNode checkout(RunningShop shop, String session) {
        HttpResponse<String> placed = asGuest(shop, session, "POST", "/api/orders/create", PLACEMENT);
        assertEquals(202, placed.statusCode(), placed.body());
        return json(placed);
    }

    private static JsonNode order(RunningShop shop, JsonNode receipt) {
        return json(shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/orders/" + receipt.get("order_id").asText()))
                .header("X-Order-Token", receipt.get("access_token").asText()).GET()));
    }

    private long mailsAbout(RunningShop shop, String orderNumber) {
        HttpResponse<String> store = shop.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().ses() + "/store")).GET());
        long count = 0;
        for (JsonNode mail : json(store).get("emails")) {
            if (mail.get("subject").asText().contains(orderNumber)) {
                count++;
            }
        }
        return count;
    }

    private static HttpResponse<String> asGuest(RunningShop shop, String session, String method, String path, String body) {
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).header("X-Session-Id", session)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }
}
