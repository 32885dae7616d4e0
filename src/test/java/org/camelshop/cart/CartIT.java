package org.camelshop.cart;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.platform.AwsClients;
import org.camelshop.pricing.DiscountCode;
import org.camelshop.pricing.DiscountCodeRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The cart API for guests and users: stock checks, catalog prices, write-through storage, merge, quotes. */
@ExtendWith(LocalStackExtension.class)
class CartIT {

    private final RunningShop shop;
    private final LocalStack stack;
    private final String session = UUID.randomUUID().toString();

    CartIT(RunningShop shop, LocalStack stack) {
        this.shop = shop;
        this.stack = stack;
    }

    private HttpResponse<String> guest(String method, String path, String body) {
        return guest(session, method, path, body);
    }

    private HttpResponse<String> guest(String sessionId, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).header("X-Session-Id", sessionId)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return shop.send(request);
    }

    private static String line(String productId, int quantity) {
        return "{\"product_id\":\"" + productId + "\",\"quantity\":" + quantity + "}";
    }

    private String inStockProduct(int minimumStock) {
        return inStockProducts(minimumStock, Integer.MAX_VALUE).get(0);
    }

    /** Active physical products whose stock lies in the range, from the sample catalog's books. */
    private List<String> inStockProducts(int minimumStock, int maximumStock) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : json(shop.get("/api/products?category=Books&in_stock=true&page_size=100")).get("items")) {
            int stock = item.get("stock_quantity").asInt();
            if (stock >= minimumStock && stock <= maximumStock) {
                ids.add(item.get("product_id").asText());
            }
        }
        if (ids.isEmpty()) {
            throw new AssertionError("no book with stock from " + minimumStock + " to " + maximumStock);
        }
        return ids;
    }

    @Test
    void guestAddsAndSeesCatalogPricesWhateverTheClientSends() {
        HttpResponse<String> added = guest("POST", "/api/cart/add", "{\"product_id\":\"prod-0002\",\"quantity\":2,\"price\":1,\"unit_price\":1}");
        assertEquals(200, added.statusCode(), added.body());
        JsonNode cart = json(guest("GET", "/api/cart", null));
        long catalogPrice = json(shop.get("/api/products/prod-0002")).get("price").asLong();
        assertEquals(1, cart.get("items").size());
        assertEquals(catalogPrice, cart.get("items").get(0).get("unit_price").asLong());
        assertEquals(2 * catalogPrice, cart.get("subtotal").asLong());
        assertEquals(2, cart.get("item_count").asInt());
    }

    @Test
    void isStoredInDynamoDbWithTtlAndWrittenThroughToRedis() throws Exception {
        assertEquals(200, guest("POST", "/api/cart/add", line("prod-0002", 1)).statusCode());
        try (AwsClients aws = stack.awsClients()) {
            var item = aws.dynamoDb().getItem(r -> r.tableName("Cart").key(Map.of("user_id", AttributeValue.fromS("guest-" + session)))).item();
            assertEquals(1, item.get("items").l().size());
            long expiresAt = Long.parseLong(item.get("expires_at").n());
            assertTrue(expiresAt > System.currentTimeMillis() / 1000 + 29L * 24 * 3600, "about 30 days ahead, epoch seconds");
        }
        RedisClient redis = RedisClient.create("redis://127.0.0.1:" + stack.ports().redis());
        try (var connection = redis.connect()) {
            String cached = connection.sync().get("cart:guest-" + session);
            assertTrue(cached != null && cached.contains("prod-0002"));
            long ttl = connection.sync().ttl("cart:guest-" + session);
            assertTrue(ttl > 0 && ttl <= 1800, "30 min copy, was " + ttl);
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void addingMoreThanTheStockIs409AndChangesNothing() {
        String productId = inStockProducts(5, 90).get(0); // below the 99-per-line cap, so stock is what refuses
        int stock = json(shop.get("/api/products/" + productId)).get("stock_quantity").asInt();
        assertEquals(200, guest("POST", "/api/cart/add", line(productId, 1)).statusCode());
        HttpResponse<String> tooMany = guest("POST", "/api/cart/add", line(productId, stock));
        assertEquals(409, tooMany.statusCode());
        assertEquals("out_of_stock", json(tooMany).get("error").asText());
        assertEquals(1, json(guest("GET", "/api/cart", null)).get("items").get(0).get("quantity").asInt());
        assertEquals(409, guest("PUT", "/api/cart/update", line(productId, stock + 1)).statusCode());
    }

    @Test
    void updateRemoveAndClear() {
        List<String> products = inStockProducts(3, Integer.MAX_VALUE);
        String first = products.get(0);
        String second = products.get(1);
        assertEquals(200, guest("POST", "/api/cart/add", line(first, 1)).statusCode());
        assertEquals(200, guest("POST", "/api/cart/add", line(second, 1)).statusCode());
        assertEquals(3, json(guest("PUT", "/api/cart/update", line(first, 3))).get("items").get(0).get("quantity").asInt());
        assertEquals(404, guest("PUT", "/api/cart/update", line(products.get(2), 1)).statusCode(), "not in the cart");
        assertEquals(1, json(guest("PUT", "/api/cart/update", line(first, 0))).get("items").size(), "0 removes");
        assertEquals(0, json(guest("DELETE", "/api/cart/remove?product_id=" + second, null)).get("items").size());
        guest("POST", "/api/cart/add", line(first, 1));
        assertEquals(0, json(guest("DELETE", "/api/cart/clear", null)).get("item_count").asInt());
    }

    @Test
    void concurrentAddsAreNeverLost() throws Exception {
        String productId = inStockProduct(20);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> adds = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                adds.add(CompletableFuture.supplyAsync(() -> guest("POST", "/api/cart/add", line(productId, 1)).statusCode(), pool));
            }
            for (CompletableFuture<Integer> add : adds) {
                assertEquals(200, add.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(10, json(guest("GET", "/api/cart", null)).get("items").get(0).get("quantity").asInt());
    }

    @Test
    void loginMergesTheGuestCartAddingQuantitiesCappedByStock() {
        String productId = inStockProduct(3);
        int stock = json(shop.get("/api/products/" + productId)).get("stock_quantity").asInt();
        String token = shop.newShopper("Merger");
        assertEquals(200, shop.call("POST", "/api/cart/add", line(productId, Math.min(stock, 2)), token).statusCode());
        guest("POST", "/api/cart/add", line(productId, Math.min(stock, 99)));
        guest("POST", "/api/cart/add", line("prod-0700", 1));

        HttpResponse<String> merged = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/cart/merge"))
                .header("X-Session-Id", session).header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, merged.statusCode(), merged.body());
        JsonNode items = json(merged).get("items");
        assertEquals(2, items.size());
        assertEquals(Math.min(stock, 99), items.get(0).get("quantity").asInt(), "2 + guest's, capped by stock");
        assertEquals(0, json(guest("GET", "/api/cart", null)).get("items").size(), "the guest cart is gone");
        assertEquals(401, guest("POST", "/api/cart/merge", null).statusCode(), "merging needs a login");
    }

    @Test
    void quotesTaxShippingAndDiscounts() {
        guest("POST", "/api/cart/add", "{\"product_id\":\"prod-0001\",\"quantity\":1}");
        String california = "{\"name\":\"Ann\",\"line1\":\"1 Main St\",\"city\":\"LA\",\"state\":\"CA\",\"postal_code\":\"90001\",\"country\":\"US\"}";
        JsonNode quote = json(guest("POST", "/api/cart/quote", "{\"shipping_address\":" + california + "}"));
        long subtotal = quote.get("subtotal").asLong();
        assertEquals(Math.round(subtotal * 0.0725), quote.get("tax").asLong());
        assertEquals(subtotal < 5000 ? 599 : 0, quote.get("shipping").asLong());
        assertEquals(subtotal + quote.get("tax").asLong() + quote.get("shipping").asLong(), quote.get("total").asLong());

        String admin = shop.loginAdmin();
        String code = "TEN" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertEquals(201, shop.call("POST", "/api/admin/discount-codes", "{\"code\":\"" + code + "\",\"type\":\"percent\",\"value\":10}", admin).statusCode());
        JsonNode discounted = json(guest("POST", "/api/cart/quote", "{\"discount_code\":\"" + code.toLowerCase() + "\"}"));
        assertEquals(subtotal / 10, discounted.get("discount").asLong());
        assertEquals(code, discounted.get("discount_code").asText());

        HttpResponse<String> unknown = guest("POST", "/api/cart/quote", "{\"discount_code\":\"NOPE-NOPE\"}");
        assertEquals(400, unknown.statusCode());
        assertEquals("discount_code", json(unknown).get("details").get(0).get("field").asText());
        assertEquals(400, guest("POST", "/api/cart/quote", "{\"shipping_address\":{\"country\":\"USA\"}}").statusCode());
    }

    @Test
    void aSingleUseCodeAlreadyUsedByThisCustomerIsRefused() {
        String admin = shop.loginAdmin();
        String code = "ONCE" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        shop.call("POST", "/api/admin/discount-codes", "{\"code\":\"" + code + "\",\"type\":\"fixed\",\"value\":500}", admin);
        guest("POST", "/api/cart/add", line("prod-0001", 1));
        assertEquals(200, guest("POST", "/api/cart/quote", "{\"discount_code\":\"" + code + "\"}").statusCode());
        try (AwsClients aws = stack.awsClients()) {
            DiscountCodeRepository codes = new DiscountCodeRepository(aws.dynamoDb(), "DiscountCodes");
            DiscountCode found = codes.find(code).orElseThrow();
            assertTrue(codes.redeem(found, "guest-" + session, "order-1"));
            assertTrue(codes.redeem(found, "guest-" + session, "order-1"), "the same order again: still redeemed, once");
            assertFalse(codes.redeem(found, "guest-" + session, "order-2"), "single use per customer");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        HttpResponse<String> again = guest("POST", "/api/cart/quote", "{\"discount_code\":\"" + code + "\"}");
        assertEquals(400, again.statusCode());
        assertTrue(json(again).get("details").get(0).get("problem").asText().contains("already been used"));
        assertEquals(200, guest(UUID.randomUUID().toString(), "POST", "/api/cart/quote", "{\"discount_code\":\"" + code + "\"}").statusCode(),
                "another customer may still use it");
    }

    @Test
    void guestsMustSendAUuidSession() {
        assertEquals(400, shop.get("/api/cart").statusCode());
        assertEquals(400, guest("not-a-uuid", "GET", "/api/cart", null).statusCode());
    }

    @Test
    void cartRequestsAreLimitedTo100AMinutePerUser() {
        try (RunningShop limited = RunningShop.start(stack.ports(), Map.of("shop.rate-limit.namespace", "cart-" + UUID.randomUUID(),
                "shop.rate-limit.public.limit", "1000000"))) {
            String token = limited.newShopper("Busy");
            for (int i = 1; i <= 100; i++) {
                assertEquals(200, limited.call("GET", "/api/cart", null, token).statusCode(), "request " + i);
            }
            HttpResponse<String> refused = limited.call("GET", "/api/cart", null, token);
            assertEquals(429, refused.statusCode());
            assertEquals("100", refused.headers().firstValue("X-RateLimit-Limit").orElseThrow());
            assertEquals(200, limited.call("GET", "/api/cart", null, limited.newShopper("Other")).statusCode(), "per user");
        }
    }
}
