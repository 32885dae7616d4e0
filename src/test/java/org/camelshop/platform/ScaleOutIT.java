package org.camelshop.platform;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.NginxProxy;
import org.camelshop.local.ShopProcess;
import org.camelshop.local.StackPorts;
import org.camelshop.platform.provision.ResourcePlan;
import org.camelshop.testing.StoredReservations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two shop instances (JVMs of their own) on one local stack behind Debian's nginx with the deployment's configuration:
 * what a shopper sees is the same whichever instance answers, each shopper keeps their own limits, and killing an
 * instance mid-burst loses and duplicates no order.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final String ADDRESS = "{\"name\":\"Ann\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    private static final String PLACEMENT = "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
            + ",\"payment_method\":\"stripe\",\"accept_terms\":true,\"email\":\"scale@example.com\"}";
    private static final Pattern CHECKED_OUT_AS = Pattern.compile("checked out as order ([0-9a-f-]{36})");

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ShopProcess> shops = new ArrayList<>();
    private NginxProxy proxy;
    private String admin;

    ScaleOutIT(LocalStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    void startTwoInstancesBehindNginx() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "shop.http.trusted-proxies", "127.0.0.1/32",
                "shop.rate-limit.namespace", "scale-" + UUID.randomUUID(),
                "shop.rate-limit.login.limit", "3",
                "shop.queue.wait-seconds", "1",
                // the killed instance's messages come back after 12 s (a live consumer extends what it still works on): just
                // after the stock leases it held (shop.inventory.lease-seconds, 10 s) ran out; sooner, the reservation is
                // still "being moved" and the message waits out a 40 s retry
                "shop.queue.orders-visibility-seconds", "12",
                "shop.order.requeue-scan-seconds", "2",
                "shop.order.requeue-grace-seconds", "3",
                "shop.idempotency.lease-seconds", "5"));
        settings.put("shop.rate-limit.cart.limit", "100000");
        settings.put("shop.rate-limit.admin.limit", "100000");
        for (int i = 1; i <= 2; i++) {
            shops.add(ShopProcess.start(stack.ports(), StackPorts.freePort(), settings, Path.of("target", "scale-out-shop-" + i + ".log")));
        }
        shops.forEach(ShopProcess::awaitReady);
        proxy = NginxProxy.start(StackPorts.freePort(), shops.stream().map(ShopProcess::port).toList(), Path.of("target", "scale-out-nginx"));
        HttpResponse<String> login = call("POST", "/api/auth/login", "{\"email\":\"admin@shop.local\",\"password\":\"admin-password\"}",
                Map.of("X-Forwarded-For", "192.0.2.1"));
        assertEquals(200, login.statusCode(), login.body());
        admin = json(login).get("token").asText();
    }

    @AfterAll
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        for (ShopProcess shop : shops) {
            shop.close();
        }
    }

    private HttpResponse<String> call(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String product(int stock, long price) {
        HttpResponse<String> created = call("POST", "/api/products", "{\"name\":\"Scale Mug\",\"price\":" + price + ",\"category\":\"Merchandise\","
                + "\"sku\":\"SCALE-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"stock_quantity\":" + stock + "}",
                Map.of("Authorization", "Bearer " + admin));
        assertEquals(201, created.statusCode(), created.body());
        return json(created).get("product_id").asText();
    }

    @Test
    @Order(1)
    void aShoppersSessionAndCartAreTheSameOnEveryInstance() {
        String mug = product(10, 1500);
        String token = admin;
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
        for (int i = 0; i < 4; i++) {
            assertEquals(200, call("POST", "/api/cart/add", "{\"product_id\":\"" + mug + "\",\"quantity\":1}", auth).statusCode());
        }
        for (int i = 0; i < 4; i++) {
            JsonNode cart = json(call("GET", "/api/cart", null, auth));
            assertEquals(4, cart.get("item_count").asInt(), "every instance sees the four adds, whichever took them");
            assertEquals(200, call("GET", "/api/auth/me", null, auth).statusCode(), "the session is known everywhere");
        }
    }

    @Test
    @Order(2)
    void anAdminEditOnOneInstanceIsWhatEveryInstanceServes() {
        String mug = product(10, 1500);
        for (int i = 0; i < 4; i++) {
            assertEquals(1500, json(call("GET", "/api/products/" + mug, null, Map.of())).get("price").asLong(), "cached on both");
        }
        HttpResponse<String> edited = call("PUT", "/api/products/" + mug, "{\"price\":1234}", Map.of("Authorization", "Bearer " + admin));
        assertEquals(200, edited.statusCode(), edited.body());
        // the other instance drops its in-process copy when the invalidation message arrives (Redis pub/sub, within
        // milliseconds; a read answered from that copy makes no Redis call that would wait for the message)
        await().atMost(Duration.ofSeconds(5)).until(() -> IntStream.range(0, 6)
                .allMatch(read -> json(call("GET", "/api/products/" + mug, null, Map.of())).get("price").asLong() == 1234));
    }

    @Test
    @Order(3)
    void eachShopperKeepsTheirOwnAddressThroughTheProxy() {
        String guess = "{\"email\":\"scale-victim@example.com\",\"password\":\"guess\"}";
        for (int i = 1; i <= 3; i++) {
            assertEquals(401, call("POST", "/api/auth/login", guess.replace("victim", "victim" + i), Map.of("X-Forwarded-For", "203.0.113.7")).statusCode());
        }
        assertEquals(429, call("POST", "/api/auth/login", guess.replace("victim", "victim4"), Map.of("X-Forwarded-For", "203.0.113.7")).statusCode(),
                "the fourth login from one shopper's machine, on whichever instance");
        assertEquals(401, call("POST", "/api/auth/login", guess.replace("victim", "other"), Map.of("X-Forwarded-For", "203.0.113.8")).statusCode(),
                "another shopper behind the same proxy is not refused");
    }

    @Test
    @Order(4)
    void killingAnInstanceMidBurstLosesAndDuplicatesNoOrder() throws Exception {
        int buyers = 30;
        String mug = product(100, 900);
        Map<String, String> orderOf = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int i = 0; i < buyers; i++) {
            pool.submit(() -> buy(mug, orderOf, accepted));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> accepted.get() >= buyers / 3);
        shops.get(0).kill();
        pool.shutdown();
        assertTrue(pool.awaitTermination(180, TimeUnit.SECONDS), "every buyer got an answer in the end");

        assertEquals(buyers, orderOf.size(), "every buyer has an order: " + orderOf);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> ordersOf(mug).stream()
                .allMatch(o -> "awaiting_payment".equals(o.get("order_status").s())));
        List<Map<String, AttributeValue>> stored = ordersOf(mug);
        assertEquals(Set.copyOf(orderOf.values()), stored.stream().map(o -> o.get("order_id").s()).collect(Collectors.toSet()),
                "exactly the orders the buyers were told of: none lost, none twice");
        assertEquals(buyers, stored.stream().map(o -> o.get("user_id").s()).distinct().count(), "one order per cart");
        Map<String, AttributeValue> product = storedProduct(mug);
        // a cart add retried after its answer was lost counts twice (POST /api/cart/add carries no key): sum what was ordered
        int ordered = stored.stream().mapToInt(o -> Integer.parseInt(o.get("items").l().get(0).m().get("quantity").n())).sum();
        assertEquals(100 - ordered, Integer.parseInt(product.get("stock_quantity").n()), "stock taken once for each order");
        assertEquals(stored.stream().map(o -> o.get("order_id").s() + ":0").collect(Collectors.toSet()), heldOn(mug), "one reservation per order");
        await().atMost(Duration.ofSeconds(60)).until(() -> json(call("GET", "/api/products/" + mug, null, Map.of())).get("stock_quantity").asInt() == 100 - ordered);
    }

    /** A guest who retries with the same Idempotency-Key until the shop gives a clear answer, as a careful client does. */
    private void buy(String productId, Map<String, String> orderOf, AtomicInteger accepted) {
        String session = UUID.randomUUID().toString();
        String key = "buy-" + session;
        Map<String, String> guest = Map.of("X-Session-Id", session, "X-Forwarded-For", "198.51.100." + (1 + Math.abs(session.hashCode() % 200)));
        retry(() -> call("POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}", guest), 200);
        Map<String, String> withKey = new HashMap<>(guest);
        withKey.put("Idempotency-Key", key);
        HttpResponse<String> placed = retry(() -> call("POST", "/api/orders/create", PLACEMENT, withKey), 202, 409);
        if (placed.statusCode() == 202) {
            orderOf.put(session, json(placed).get("order_id").asText());
        } else {
            // the first attempt's instance died after taking the cart; the cart says which order it became
            Matcher matcher = CHECKED_OUT_AS.matcher(json(placed).get("message").asText());
            assertTrue(matcher.find(), placed.body());
            orderOf.put(session, matcher.group(1));
        }
        accepted.incrementAndGet();
    }

    /** Repeats the request while the answer is a failure of the moment (connection lost, 502/503, key still leased). */
    private static HttpResponse<String> retry(java.util.function.Supplier<HttpResponse<String>> request, int... final_) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                HttpResponse<String> response = request.get();
                boolean inProgress = response.statusCode() == 409 && response.body().contains("idempotency_in_progress");
                for (int status : final_) {
                    if (response.statusCode() == status && !inProgress) {
                        return response;
                    }
                }
                if (response.statusCode() < 500 && !inProgress) {
                    throw new AssertionError("unexpected answer " + response.statusCode() + ": " + response.body());
                }
            } catch (IllegalStateException connectionLost) {
                // the instance died under this request: try again
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer within 90 s");
            }
            try {
                Thread.sleep(200); // a client's back-off before retrying, not test synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Map<String, AttributeValue> storedProduct(String productId) {
        try (var aws = stack.awsClients()) {
            return aws.dynamoDb().getItem(r -> r.tableName(ResourcePlan.PRODUCTS).consistentRead(true)
                    .key(Map.of("product_id", AttributeValue.fromS(productId)))).item();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> heldOn(String productId) {
        try (var aws = stack.awsClients()) {
            return StoredReservations.held(aws, productId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, AttributeValue>> ordersOf(String productId) {
        try (var aws = stack.awsClients()) {
            return aws.dynamoDb().scanPaginator(r -> r.tableName(ResourcePlan.ORDERS).consistentRead(true)).items().stream()
                    .filter(item -> item.get("items").toString().contains(productId)).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
