package org.camelshop.order;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.platform.provision.ResourcePlan;
import org.camelshop.testing.Concurrently;
import org.camelshop.testing.StoredReservations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An order is placed once per cart and once per Idempotency-Key, tried at the HTTP edge the way an impatient shopper, a
 * retrying client and an attacker do it: replays after errors, copies racing each other, another caller's key.
 */
@ExtendWith(LocalStackExtension.class)
class PlaceOnceIT {

    private static final String ADDRESS = "{\"name\":\"Pat\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    private static final String ORDER = "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
            + ",\"payment_method\":\"stripe\",\"accept_terms\":true}";

    private final RunningShop shop;
    private final LocalStack stack;

    PlaceOnceIT(RunningShop shop, LocalStack stack) {
        this.shop = shop;
        this.stack = stack;
    }

    /** A caller: a logged-in shopper (token) or a guest (session id). */
    private record Caller(String token, String session) {
        static Caller guest() {
            return new Caller(null, UUID.randomUUID().toString());
        }
    }

    private HttpResponse<String> send(String method, String path, String body, Caller caller, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (caller.token() != null) {
            request.header("Authorization", "Bearer " + caller.token());
        } else {
            request.header("X-Session-Id", caller.session());
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return shop.send(request);
    }

    private String product(int stock) {
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Once Mug\",\"price\":1250,\"category\":\"Merchandise\","
                + "\"sku\":\"ONCE-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"stock_quantity\":" + stock + "}", shop.loginAdmin());
        assertEquals(201, created.statusCode(), created.body());
        return json(created).get("product_id").asText();
    }

    private void add(Caller caller, String productId, int quantity) {
        HttpResponse<String> added = send("POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":" + quantity + "}", caller, null);
        assertEquals(200, added.statusCode(), added.body());
    }

    /** The product as stored (not as cached) has given this much stock, and to the one order (order id : line). */
    private void assertReservedOnce(String productId, int stockLeft, String orderId) {
        try (var aws = stack.awsClients()) {
            Map<String, AttributeValue> product = aws.dynamoDb().getItem(r -> r.tableName(ResourcePlan.PRODUCTS).consistentRead(true)
                    .key(Map.of("product_id", AttributeValue.fromS(productId)))).item();
            assertEquals(stockLeft, Integer.parseInt(product.get("stock_quantity").n()), "stock taken once");
            assertEquals(Set.of(orderId + ":0"), StoredReservations.held(aws, productId), "one reservation, by the one order");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> orderIds(List<HttpResponse<String>> responses) {
        return responses.stream().filter(r -> r.statusCode() == 202).map(r -> json(r).get("order_id").asText()).collect(Collectors.toSet());
    }

    private List<JsonNode> myOrders(Caller shopper) {
        List<JsonNode> orders = new ArrayList<>();
        json(send("GET", "/api/orders", null, shopper, null)).get("items").forEach(orders::add);
        return orders;
    }

    /** The order's stock reservation is done once the processor moved it on; then the stock is final. */
    private void awaitReserved(String orderId, Caller caller, String accessToken) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/orders/" + orderId)).GET();
            if (accessToken != null) {
                request.header("X-Order-Token", accessToken);
            } else {
                request.header("Authorization", "Bearer " + caller.token());
            }
            return "awaiting_payment".equals(json(shop.send(request)).get("order_status").asText());
        });
    }

    @Test
    void aKeyReusedAfterAConflictStillReplaysTheFirstOrder() {
        Caller guest = Caller.guest();
        String mug = product(10);
        add(guest, mug, 1);
        String key = "order-" + UUID.randomUUID();
        String guestOrder = "{\"email\":\"once@example.com\"," + ORDER.substring(1);

        HttpResponse<String> first = send("POST", "/api/orders/create", guestOrder, guest, key);
        assertEquals(202, first.statusCode(), first.body());
        HttpResponse<String> otherBody = send("POST", "/api/orders/create", guestOrder.replace("stripe", "paypal"), guest, key);
        assertEquals(409, otherBody.statusCode(), otherBody.body());
        assertEquals("idempotency_key_reused", json(otherBody).get("error").asText());
        add(guest, mug, 2);

        HttpResponse<String> again = send("POST", "/api/orders/create", guestOrder, guest, key);

        assertEquals(202, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(first.body(), again.body(), "the first order's receipt, token included, not a new order");
        assertEquals(2, json(send("GET", "/api/cart", null, guest, null)).get("item_count").asInt(), "what was added since stays in the cart");
    }

    @ParameterizedTest(name = "{0} copies sharing one key place one order")
    @ValueSource(ints = {5, 20})
    void copiesSharingOneKeyPlaceOneOrder(int copies) throws Exception {
        Caller shopper = new Caller(shop.newShopper("Racer"), null);
        String mug = product(50);
        add(shopper, mug, 2);
        String key = "order-" + UUID.randomUUID();

        List<HttpResponse<String>> answers = Concurrently.copies(copies, () -> send("POST", "/api/orders/create", ORDER, shopper, key));

        Set<String> ids = orderIds(answers);
        assertEquals(1, ids.size(), answers.toString());
        answers.stream().filter(r -> r.statusCode() != 202).forEach(r -> {
            assertEquals(409, r.statusCode(), r.body());
            assertEquals("idempotency_in_progress", json(r).get("error").asText(), "a copy that waited too long is told to retry");
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
        });
        HttpResponse<String> retried = send("POST", "/api/orders/create", ORDER, shopper, key);
        assertEquals(202, retried.statusCode());
        assertEquals(ids, Set.of(json(retried).get("order_id").asText()), "the retry gets the one order");
        assertEquals(1, myOrders(shopper).size());
        awaitReserved(ids.iterator().next(), shopper, null);
        assertReservedOnce(mug, 48, ids.iterator().next());
    }

    @ParameterizedTest(name = "{0} checkouts of one cart without keys place one order")
    @ValueSource(ints = {5, 20})
    void checkoutsOfOneCartWithoutKeysPlaceOneOrder(int copies) throws Exception {
        Caller shopper = new Caller(shop.newShopper("Double Clicker"), null);
        String mug = product(50);
        add(shopper, mug, 3);

        List<HttpResponse<String>> answers = Concurrently.copies(copies, () -> send("POST", "/api/orders/create", ORDER, shopper, null));

        Set<String> ids = orderIds(answers);
        assertEquals(1, ids.size(), "copies that got through answer with the one order: " + answers.stream().map(HttpResponse::body).toList());
        String orderId = ids.iterator().next();
        answers.stream().filter(r -> r.statusCode() == 409).forEach(r -> {
            assertEquals("cart_checked_out", json(r).get("error").asText(), r.body());
            assertTrue(json(r).get("message").asText().contains(orderId), "the loser is told which order the cart became");
        });
        assertEquals(1, myOrders(shopper).size());
        assertEquals(0, json(send("GET", "/api/cart", null, shopper, null)).get("item_count").asInt());
        awaitReserved(orderId, shopper, null);
        assertReservedOnce(mug, 47, orderId);
    }

    @Test
    void aGuestsTwoTabsCheckingOutWithTheirOwnKeysPlaceOneOrder() throws Exception {
        Caller guest = Caller.guest();
        String mug = product(20);
        add(guest, mug, 1);
        String guestOrder = "{\"email\":\"tabs@example.com\"," + ORDER.substring(1);

        List<HttpResponse<String>> answers = Concurrently.copies(5, () -> send("POST", "/api/orders/create", guestOrder, guest, "tab-" + UUID.randomUUID()));

        assertEquals(1, orderIds(answers).size());
        answers.stream().filter(r -> r.statusCode() != 202).forEach(r -> assertEquals("cart_checked_out", json(r).get("error").asText(), r.body()));
        JsonNode receipt = json(answers.stream().filter(r -> r.statusCode() == 202).findFirst().orElseThrow());
        answers.stream().filter(r -> r.statusCode() == 202).forEach(r -> assertEquals(receipt.get("access_token"), json(r).get("access_token"),
                "every tab that got the order got the same token"));
        awaitReserved(receipt.get("order_id").asText(), guest, receipt.get("access_token").asText());
        assertReservedOnce(mug, 19, receipt.get("order_id").asText());
        HttpResponse<String> later = send("POST", "/api/orders/create", guestOrder, guest, null);
        assertEquals(409, later.statusCode(), "a tab that tries again later hears the same");
        assertEquals("cart_checked_out", json(later).get("error").asText());
    }

    @Test
    void anotherCallersKeyNeverAnswersWithTheFirstCallersOrder() {
        Caller alice = new Caller(shop.newShopper("Alice"), null);
        Caller mallory = new Caller(shop.newShopper("Mallory"), null);
        String mug = product(10);
        add(alice, mug, 1);
        String key = "shared-" + UUID.randomUUID();
        HttpResponse<String> alices = send("POST", "/api/orders/create", ORDER, alice, key);
        assertEquals(202, alices.statusCode(), alices.body());

        HttpResponse<String> mallorys = send("POST", "/api/orders/create", ORDER, mallory, key);

        assertEquals(409, mallorys.statusCode(), mallorys.body());
        assertEquals("cart_empty", json(mallorys).get("error").asText(), "Mallory's own (empty) cart, not Alice's receipt");
        assertTrue(!mallorys.body().contains(json(alices).get("order_id").asText()));
    }

    @Test
    void aFailureBeforeAnythingIsWrittenLetsTheSameKeyTryAgain() {
        Caller shopper = new Caller(shop.newShopper("Retrier"), null);
        String mug = product(10);
        String key = "retry-" + UUID.randomUUID();
        HttpResponse<String> empty = send("POST", "/api/orders/create", ORDER, shopper, key);
        assertEquals(409, empty.statusCode());
        assertEquals("cart_empty", json(empty).get("error").asText());
        add(shopper, mug, 1);

        HttpResponse<String> retried = send("POST", "/api/orders/create", ORDER, shopper, key);

        assertEquals(202, retried.statusCode(), "nothing was written the first time, so the key was free again: " + retried.body());
        assertTrue(retried.headers().firstValue("Idempotent-Replayed").isEmpty());
    }
}
