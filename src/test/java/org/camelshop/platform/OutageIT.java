package org.camelshop.platform;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;
import org.camelshop.local.StackPorts;
import org.camelshop.payment.StripeSignature;
import org.camelshop.platform.provision.Provisioner;
import org.camelshop.platform.provision.ResourcePlan;
import org.junit.jupiter.api.Test;

/**
 * One outage per dependency on the real emulators, each on a stack of its own (the sample catalog only where a test
 * reads it: its thousand products take seconds to load): the affected endpoints answer 503
 * {@code <dependency>_unavailable} with Retry-After (never a 500, never internals), within the configured bound, what
 * can be served still is, and once the dependency is back nothing that was accepted is lost.
 */
class OutageIT {

    private static final String ADDRESS = "{\"name\":\"Ann\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    private static final String PLACEMENT = "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
            + ",\"payment_method\":\"stripe\",\"accept_terms\":true,\"email\":\"outage@example.com\"}";
    /**
     * A hung DynamoDB holds each request for the whole AWS call timeout: 1.5 s here instead of 3 s, so the outage test
     * waits out six of them in half the time (a loaded test machine still answers a live call in a fraction of it).
     */
    private static final Map<String, String> AWS_TIMEOUTS = Map.of("shop.aws.api-call-timeout-ms", "1500", "shop.aws.api-attempt-timeout-ms", "1500");
    /** The AWS call timeout plus the time a loaded test machine needs to answer (every guest request is held to it). */
    private static final Duration BOUND = Duration.ofMillis(3_000);

    @Test
    void dynamoDbFrozenThenKilledAnswers503QuicklyServesCachedProductsAndLosesNothing() {
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = RunningShop.start(stack.ports(), with(AWS_TIMEOUTS, "shop.sample-catalog.load", "false"))) {
            String guest = UUID.randomUUID().toString();
            String product = product(shop);
            assertEquals(200, asGuest(shop, guest, "POST", "/api/cart/add", "{\"product_id\":\"" + product + "\",\"quantity\":1}").statusCode());
            var receipt = json(asGuest(shop, guest, "POST", "/api/orders/create", PLACEMENT));
            String before = receipt.get("order_id").asText();
            // a product nobody orders: the order's stock reservation would drop the other one from the cache
            String shown = product(shop);
            assertEquals(200, shop.get("/api/products/" + shown).statusCode(), "warms the cache");

            stack.freezeChild("dynalite");
            try {
                assertUnavailable(shop.get("/api/products?category=Books&page=3"), "dynamodb_unavailable");
                assertUnavailable(shop.call("POST", "/api/auth/login", "{\"email\":\"demo@shop.local\",\"password\":\"demo-password\"}", null),
                        "dynamodb_unavailable");
                assertUnavailable(asGuest(shop, UUID.randomUUID().toString(), "POST", "/api/cart/add",
                        "{\"product_id\":\"" + product + "\",\"quantity\":1}"), "dynamodb_unavailable");
                // a new guest: the first one's (empty) cart would come from its Redis copy
                assertUnavailable(asGuest(shop, UUID.randomUUID().toString(), "POST", "/api/orders/create", PLACEMENT), "dynamodb_unavailable");
                assertEquals(200, shop.get("/api/products/" + shown).statusCode(), "a cached product is still served");
                assertEquals(503, shop.get("/observe/health/ready").statusCode(), "without DynamoDB this instance is useless");
                assertEquals(200, shop.get("/observe/health/live").statusCode());
            } finally {
                stack.thawChild("dynalite");
            }

            assertEquals(200, shop.get("/api/products?category=Books&page=3").statusCode());
            await().atMost(Duration.ofSeconds(15)).until(() -> shop.get("/observe/health/ready").statusCode() == 200);
            HttpResponse<String> kept = asGuest(shop, guest, "GET", "/api/orders/" + before + "?token=" + receipt.get("access_token").asText(), null);
            assertEquals(200, kept.statusCode(), "the order accepted before the outage is kept: " + kept.body());
            assertEquals(200, asGuest(shop, guest, "POST", "/api/cart/add", "{\"product_id\":\"" + product + "\",\"quantity\":1}").statusCode());
            assertEquals(202, asGuest(shop, guest, "POST", "/api/orders/create", PLACEMENT).statusCode(), "orders are taken again");

            // a dead process refuses connections instead of hanging: the same clear answers
            stack.stopChild("dynalite");
            assertUnavailable(shop.get("/api/products?category=Books&page=2"), "dynamodb_unavailable");
            assertUnavailable(shop.call("POST", "/api/auth/login", "{\"email\":\"demo@shop.local\",\"password\":\"demo-password\"}", null),
                    "dynamodb_unavailable");
            assertUnavailable(asGuest(shop, UUID.randomUUID().toString(), "GET", "/api/cart", null), "dynamodb_unavailable");
        }
    }

    @Test
    void redisKilledLoginsAnswer503WebhooksDedupeInDynamoDbAndLimitsHoldPerInstance() {
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = RunningShop.start(stack.ports(), Map.of("shop.rate-limit.login.limit", "3"))) {
            String token = shop.login("demo@shop.local", "demo-password");
            stack.stopChild("redis-server");

            for (int i = 0; i < 3; i++) {
                assertUnavailable(shop.call("POST", "/api/auth/login", "{\"email\":\"demo@shop.local\",\"password\":\"demo-password\"}", null),
                        "sessions_unavailable");
            }
            assertEquals(429, shop.call("POST", "/api/auth/login", "{\"email\":\"demo@shop.local\",\"password\":\"demo-password\"}", null).statusCode(),
                    "the login limit still holds, counted by this instance");
            assertTrue(shop.metric("shop_rate_limit_local_total") >= 4);
            assertUnavailable(shop.call("GET", "/api/cart", null, token), "sessions_unavailable");
            assertEquals(200, shop.get("/api/products/prod-0002").statusCode(), "the catalog is read from DynamoDB");
            assertEquals(200, shop.get("/observe/health/ready").statusCode(), "the shop still sells: stays in rotation");

            String event = "evt_outage_" + UUID.randomUUID();
            HttpResponse<String> first = stripeWebhook(shop, event);
            HttpResponse<String> again = stripeWebhook(shop, event);
            assertEquals(200, first.statusCode(), first.body());
            assertEquals(200, again.statusCode(), again.body());
            assertFalse(first.body().contains("duplicate"), first.body());
            assertTrue(again.body().contains("\"duplicate\":true"), "the retry is recognised without Redis: " + again.body());
            assertTrue(shop.metric("shop_webhook_dedupe_fallback_total") >= 2);

            try (LocalStack redisAgain = LocalStack.start(stack.ports())) { // starts only what is not serving: Redis
                await().atMost(Duration.ofSeconds(15)).until(() -> shop.call("POST", "/api/auth/login",
                        "{\"email\":\"admin@shop.local\",\"password\":\"admin-password\"}", null).statusCode() == 200);
                assertTrue(stripeWebhook(shop, event).body().contains("\"duplicate\":true"), "remembered across the outage");
            }
        }
    }

    @Test
    void sqsKilledTrackingIsDroppedAndCountedOrdersWaitAndConsumersBackOff() throws Exception {
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = RunningShop.start(stack.ports(), with(AWS_TIMEOUTS, "shop.sample-catalog.load", "false", "shop.order.requeue-scan-seconds", "2",
                     "shop.order.requeue-grace-seconds", "1", "shop.queue.poll-backoff-base-ms", "250", "shop.queue.poll-backoff-max-ms", "2000"))) {
            String guest = UUID.randomUUID().toString();
            String product = product(shop);
            stack.stopSqs();

            HttpResponse<String> view = asGuest(shop, guest, "POST", "/api/track/view", "{\"product_id\":\"" + product + "\"}");
            assertEquals(202, view.statusCode(), view.body());
            assertEquals(1.0, shop.metric("shop_tracking_events_dropped_total"));
            assertEquals(200, asGuest(shop, guest, "POST", "/api/cart/add", "{\"product_id\":\"" + product + "\",\"quantity\":1}").statusCode());
            HttpResponse<String> placed = asGuest(shop, guest, "POST", "/api/orders/create", PLACEMENT);
            assertEquals(202, placed.statusCode(), "the order is stored and queued later: " + placed.body());
            String orderId = json(placed).get("order_id").asText();
            String orderToken = json(placed).get("access_token").asText();

            // consumers back off: with waits of 0.25, 0.5, 1, 2, 2 ... s, one failed poll per queue every other second at
            // most, not several a second; measured once every queue's wait is at its cap: the first polls of all consumers
            // fail together
            await().atMost(Duration.ofSeconds(30)).until(() -> shop.metric("shop_queue_poll_failures_total") >= 5 * 5);
            long started = System.nanoTime();
            double failuresBefore = shop.metric("shop_queue_poll_failures_total");
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(4)).until(() -> true);
            double perQueuePerSecond = (shop.metric("shop_queue_poll_failures_total") - failuresBefore)
                    / 5 / ((System.nanoTime() - started) / 1e9);
            assertTrue(perQueuePerSecond < 1.2, "backed off: " + perQueuePerSecond + " failed polls a second per queue");

            try (LocalStack sqsAgain = LocalStack.start(stack.ports()); AwsClients aws = sqsAgain.awsClients()) {
                // a real SQS keeps its queues through an outage; the emulator lost them, so they are provisioned again
                new Provisioner(aws.sqs(), aws.dynamoDb()).apply(ResourcePlan.QUEUES, ResourcePlan.TABLES);
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        "awaiting_payment".equals(json(asGuest(shop, guest, "GET", "/api/orders/" + orderId + "?token=" + orderToken, null)).path("order_status").asText()));
            }
        }
    }

    private static Map<String, String> with(Map<String, String> settings, String... more) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }

    private static void assertUnavailable(HttpResponse<String> response, String error) {
        assertEquals(503, response.statusCode(), response.body());
        assertEquals(error, json(response).get("error").asText(), response.body());
        assertTrue(Integer.parseInt(response.headers().firstValue("Retry-After").orElse("0")) > 0, "Retry-After");
        assertFalse(response.body().contains("127.0.0.1") || response.body().contains("Exception"), "no internals: " + response.body());
    }

    private static String product(RunningShop shop) {
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Outage Lamp\",\"price\":1500,\"category\":\"Merchandise\","
                + "\"sku\":\"OUT-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"stock_quantity\":100}", shop.loginAdmin());
        assertEquals(201, created.statusCode(), created.body());
        return json(created).get("product_id").asText();
    }

    /** A guest's request; answered within the configured bound, however the dependency fails. */
    private static HttpResponse<String> asGuest(RunningShop shop, String session, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).header("X-Session-Id", session)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        long started = System.nanoTime();
        HttpResponse<String> response = shop.send(request);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(BOUND) < 0, method + " " + path + " took " + took.toMillis() + " ms");
        return response;
    }

    private static HttpResponse<String> stripeWebhook(RunningShop shop, String eventId) {
        long now = System.currentTimeMillis() / 1000;
        String payload = "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"" + com.stripe.Stripe.API_VERSION + "\",\"created\":" + now
                + ",\"type\":\"payment_intent.succeeded\",\"livemode\":false,\"data\":{\"object\":{\"id\":\"pi_outage\","
                + "\"object\":\"payment_intent\",\"metadata\":{\"order_id\":\"" + UUID.randomUUID() + "\"}}}}";
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/payment/webhook/stripe"))
                .header("Content-Type", "application/json").header("Stripe-Signature", StripeSignature.header(payload, "whsec_camelshop_sandbox", now))
                .POST(HttpRequest.BodyPublishers.ofString(payload)));
    }
}
