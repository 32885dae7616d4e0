package org.camelshop.platform;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input on every endpoint so far (catalog, accounts, reviews, cart): always the expected 4xx with the JSON error body, never a 500, nothing written. */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    /** One bad request: who sends it (none, customer, admin, garbage token), what, and the status it must get. */
    record Case(String name, String who, String method, String path, String contentType, String body, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String JSON = "application/json";
    private static final String GUEST_SESSION = java.util.UUID.randomUUID().toString();
    private static final String ADDRESS = "{\"name\":\"Ann\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    private static final String ORDER = "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
            + ",\"payment_method\":\"stripe\",\"accept_terms\":true,\"email\":\"buyer@example.com\"}";
    private final RunningShop shop;
    private Map<String, String> tokens;
    private int productsBefore;
    private int reviewsBefore;

    BadInputIT(RunningShop shop) {
        this.shop = shop;
    }

    @BeforeAll
    void tokens() {
        tokens = Map.of("customer", shop.newShopper("Bad Input"), "admin", shop.loginAdmin(), "garbage", "not-a-token");
        productsBefore = json(shop.get("/api/products")).get("total").asInt();
        reviewsBefore = json(shop.get("/api/products/prod-0001")).get("review_count").asInt();
    }

    @AfterAll
    void nothingWasWritten() {
        assertEquals(productsBefore, json(shop.get("/api/products")).get("total").asInt());
        assertEquals(reviewsBefore, json(shop.get("/api/products/prod-0001")).get("review_count").asInt(), "no bad review was written");
        HttpResponse<String> cart = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/cart")).header("X-Session-Id", GUEST_SESSION).GET());
        assertEquals(0, json(cart).get("item_count").asInt(), "no bad cart request wrote anything");
    }

    static Stream<Case> cases() {
        String product = "{\"name\":\"Valid\",\"price\":100,\"category\":\"Books\",\"sku\":\"BAD-INPUT-1\"}";
        return Stream.of(
                get("page_size over 100", "/api/products?page_size=101", 400),
                get("negative page_size", "/api/products?page_size=-1", 400),
                get("page zero", "/api/products?page=0", 400),
                get("page not a number", "/api/products?page=abc", 400),
                get("page_size in exponent form", "/api/products?page_size=1e3", 400),
                get("huge page_size", "/api/products?page_size=99999999999999999999", 400),
                get("unknown sort", "/api/products?sort=random", 400),
                get("unknown category", "/api/products?category=Food", 400),
                get("emoji category", "/api/products?category=%F0%9F%98%80", 400),
                get("subcategory of another category", "/api/products?category=Books&subcategory=Hats", 400),
                get("negative min_price", "/api/products?min_price=-1", 400),
                get("fractional max_price", "/api/products?max_price=9.99", 400),
                get("min above max", "/api/products?min_price=10&max_price=5", 400),
                get("featured not boolean", "/api/products?featured=yes", 400),
                get("in_stock not boolean", "/api/products?in_stock=maybe", 400),
                get("overlong search", "/api/products?q=" + "x".repeat(201), 400),
                get("repeated parameter", "/api/products?page=1&page=2", 400),
                get("NUL in product id", "/api/products/%00", 400),
                get("overlong product id", "/api/products/" + "p".repeat(65), 400),
                get("script in product id", "/api/products/%3Cscript%3E", 400),
                get("unknown product", "/api/products/prod-none", 404),
                get("featured limit zero", "/api/featured?limit=0", 400),
                get("bestsellers limit text", "/api/bestsellers?limit=abc", 400),
                get("reviews page zero", "/api/reviews/prod-0001?page=0", 400),
                get("reviews page_size over 50", "/api/reviews/prod-0001?page_size=51", 400),
                get("reviews of malformed id", "/api/reviews/bad%20id", 400),
                get("unknown endpoint", "/api/nothing-here", 404),
                post("register: malformed JSON", "none", "/api/auth/register", "{bad", 400),
                post("register: JSON array", "none", "/api/auth/register", "[]", 400),
                post("register: empty body", "none", "/api/auth/register", "", 400),
                post("register: number as email", "none", "/api/auth/register", "{\"email\":1,\"password\":\"password-1\",\"name\":\"N\"}", 400),
                post("register: no password", "none", "/api/auth/register", "{\"email\":\"x@example.com\",\"name\":\"N\"}", 400),
                post("register: short password", "none", "/api/auth/register", "{\"email\":\"x@example.com\",\"password\":\"short\",\"name\":\"N\"}", 400),
                post("register: not an e-mail", "none", "/api/auth/register", "{\"email\":\"not-an-email\",\"password\":\"password-1\",\"name\":\"N\"}", 400),
                post("register: overlong name", "none", "/api/auth/register", "{\"email\":\"x@example.com\",\"password\":\"password-1\",\"name\":\"" + "n".repeat(101) + "\"}", 400),
                post("register: trailing garbage", "none", "/api/auth/register", "{\"email\":\"x@example.com\",\"password\":\"password-1\",\"name\":\"N\"} x", 400),
                new Case("register: text/plain", "none", "POST", "/api/auth/register", "text/plain", "{\"email\":\"x@example.com\"}", 415),
                post("register: 70 kB body", "none", "/api/auth/register", "{\"name\":\"" + "n".repeat(70_000) + "\"}", 413),
                post("login: empty object", "none", "/api/auth/login", "{}", 400),
                post("login: null e-mail", "none", "/api/auth/login", "{\"email\":null,\"password\":\"x\"}", 400),
                post("login: numeric password", "none", "/api/auth/login", "{\"email\":\"x@example.com\",\"password\":123}", 400),
                new Case("me: garbage token", "garbage", "GET", "/api/auth/me", null, null, 401),
                post("logout: no token", "none", "/api/auth/logout", null, 401),
                post("create product: no token", "none", "/api/products", product, 401),
                post("create product: garbage token", "garbage", "/api/products", product, 401),
                post("create product: customer", "customer", "/api/products", product, 403),
                post("create product: malformed JSON", "admin", "/api/products", "{\"name\":", 400),
                post("create product: price as string", "admin", "/api/products", product.replace("100", "\"100\""), 400),
                post("create product: fractional price", "admin", "/api/products", product.replace("100", "12.5"), 400),
                post("create product: negative price", "admin", "/api/products", product.replace("100", "-5"), 400),
                post("create product: price too high", "admin", "/api/products", product.replace("100", "1000000000000"), 400),
                post("create product: missing price", "admin", "/api/products", "{\"name\":\"No price\",\"category\":\"Books\",\"sku\":\"BAD-INPUT-2\"}", 400),
                post("create product: unknown category", "admin", "/api/products", product.replace("Books", "Food"), 400),
                post("create product: sku with space", "admin", "/api/products", product.replace("BAD-INPUT-1", "BAD INPUT"), 400),
                post("create product: empty name", "admin", "/api/products", product.replace("Valid", ""), 400),
                post("create product: negative stock", "admin", "/api/products", product.replace("}", ",\"stock_quantity\":-1}"), 400),
                post("create product: stock as text", "admin", "/api/products", product.replace("}", ",\"stock_quantity\":\"x\"}"), 400),
                post("create product: tags not a list", "admin", "/api/products", product.replace("}", ",\"tags\":\"x\"}"), 400),
                post("create product: javascript image", "admin", "/api/products", product.replace("}", ",\"image_url\":\"javascript:alert(1)\"}"), 400),
                post("create product: status deleted", "admin", "/api/products", product.replace("}", ",\"status\":\"deleted\"}"), 400),
                new Case("create product: text/plain", "admin", "POST", "/api/products", "text/plain", product, 415),
                new Case("update unknown product", "admin", "PUT", "/api/products/prod-9999", JSON, "{\"price\":1}", 404),
                new Case("update malformed id", "admin", "PUT", "/api/products/bad%20id", JSON, "{\"price\":1}", 400),
                new Case("update with negative price", "admin", "PUT", "/api/products/prod-0001", JSON, "{\"price\":-1}", 400),
                new Case("delete as customer", "customer", "DELETE", "/api/products/prod-0001", null, null, 403),
                post("review: no token", "none", "/api/reviews", "{\"product_id\":\"prod-0001\",\"rating\":5,\"review_text\":\"x\"}", 401),
                post("review: rating as word", "customer", "/api/reviews", "{\"product_id\":\"prod-0001\",\"rating\":\"five\",\"review_text\":\"x\"}", 400),
                post("review: fractional rating", "customer", "/api/reviews", "{\"product_id\":\"prod-0001\",\"rating\":3.5,\"review_text\":\"x\"}", 400),
                post("review: rating 6", "customer", "/api/reviews", "{\"product_id\":\"prod-0001\",\"rating\":6,\"review_text\":\"x\"}", 400),
                post("review: overlong text", "customer", "/api/reviews", "{\"product_id\":\"prod-0001\",\"rating\":5,\"review_text\":\"" + "t".repeat(5001) + "\"}", 400),
                post("review: unknown product", "customer", "/api/reviews", "{\"product_id\":\"prod-none\",\"rating\":5,\"review_text\":\"x\"}", 404),
                post("helpful: no token", "none", "/api/reviews/rev-x/helpful", null, 401),
                new Case("moderate as customer", "customer", "PUT", "/api/reviews/rev-x/status", JSON, "{\"status\":\"hidden\"}", 403),
                new Case("moderate to unknown status", "admin", "PUT", "/api/reviews/rev-x/status", JSON, "{\"status\":\"deleted\"}", 400),
                new Case("moderate unknown review", "admin", "PUT", "/api/reviews/rev-x/status", JSON, "{\"status\":\"hidden\"}", 404),
                new Case("cart without session or login", "none", "GET", "/api/cart", null, null, 400),
                post("cart add: quantity 0", "guest", "/api/cart/add", "{\"product_id\":\"prod-0001\",\"quantity\":0}", 400),
                post("cart add: quantity -1", "guest", "/api/cart/add", "{\"product_id\":\"prod-0001\",\"quantity\":-1}", 400),
                post("cart add: quantity 1000", "guest", "/api/cart/add", "{\"product_id\":\"prod-0001\",\"quantity\":1000}", 400),
                post("cart add: quantity as text", "guest", "/api/cart/add", "{\"product_id\":\"prod-0001\",\"quantity\":\"x\"}", 400),
                post("cart add: fractional quantity", "guest", "/api/cart/add", "{\"product_id\":\"prod-0001\",\"quantity\":1.5}", 400),
                post("cart add: unknown product", "guest", "/api/cart/add", "{\"product_id\":\"prod-none\",\"quantity\":1}", 404),
                post("cart add: no product", "guest", "/api/cart/add", "{\"quantity\":1}", 400),
                post("cart add: malformed product id", "guest", "/api/cart/add", "{\"product_id\":\"../x\",\"quantity\":1}", 400),
                new Case("cart update: negative", "guest", "PUT", "/api/cart/update", JSON, "{\"product_id\":\"prod-0001\",\"quantity\":-1}", 400),
                new Case("cart remove: no product_id", "guest", "DELETE", "/api/cart/remove", null, null, 400),
                post("quote: malformed address", "guest", "/api/cart/quote", "{\"shipping_address\":{\"name\":\"\",\"country\":\"Narnia\"}}", 400),
                post("quote: address not an object", "guest", "/api/cart/quote", "{\"shipping_address\":\"1 Main St\"}", 400),
                post("quote: unknown discount code", "guest", "/api/cart/quote", "{\"discount_code\":\"NOPE-NOPE\"}", 400),
                post("cart merge: no login", "guest", "/api/cart/merge", null, 401),
                post("order: empty cart", "guest", "/api/orders/create", ORDER, 409),
                post("order: terms not accepted", "guest", "/api/orders/create", ORDER.replace("\"accept_terms\":true", "\"accept_terms\":false"), 400),
                post("order: unknown payment method", "guest", "/api/orders/create", ORDER.replace("stripe", "bitcoin"), 400),
                post("order: no billing address", "guest", "/api/orders/create", ORDER.replace("\"billing_address\":", "\"billing\":"), 400),
                post("order: guest without e-mail", "guest", "/api/orders/create", ORDER.replace("buyer@example.com", ""), 400),
                post("order: malformed address", "guest", "/api/orders/create", ORDER.replace("\"73301\"", "\"!\""), 400),
                post("order: address as text", "guest", "/api/orders/create", ORDER.replace("\"billing_address\":{", "\"billing_address\":\"x\",\"b\":{"), 400),
                new Case("order: malformed Idempotency-Key", "guest", "POST", "/api/orders/create?", JSON, ORDER, 400),
                new Case("someone else's order", "customer", "GET", "/api/orders/" + java.util.UUID.randomUUID(), null, null, 404),
                new Case("my orders without login", "none", "GET", "/api/orders", null, null, 401),
                // Camel's bean binding would read the text "null" as a Java null: refused at the edge for every path id
                new Case("order id null", "customer", "GET", "/api/orders/null", null, null, 404),
                new Case("invoice of order null", "customer", "GET", "/api/orders/null/invoice", null, null, 404),
                new Case("cancel order null", "customer", "POST", "/api/orders/null/cancel", null, null, 404),
                new Case("refund order null", "admin", "POST", "/api/orders/null/refund", JSON, "{}", 404),
                new Case("helpful review null", "customer", "POST", "/api/reviews/null/helpful", null, null, 404),
                get("marketing open null", "/api/marketing/open/null", 404),
                get("marketing click of a path", "/api/marketing/click/..%2F..%2Fetc", 400),
                get("order id of 300 characters", "/api/orders/" + "o".repeat(300), 400));
    }

    private static Case get(String name, String path, int status) {
        return new Case(name, "none", "GET", path, null, null, status);
    }

    private static Case post(String name, String who, String path, String body, int status) {
        return new Case(name, who, "POST", path, body == null ? null : JSON, body, status);
    }

    @org.junit.jupiter.api.Test
    void aBodyThatIsNotUtf8IsRefusedAndNothingStored() {
        String name = json(shop.get("/api/products/prod-0002")).get("name").asText();
        byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '(', '"', '}'};
        HttpResponse<String> response = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/products/prod-0002"))
                .header("Content-Type", JSON).header("Authorization", "Bearer " + tokens.get("admin"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("invalid_input", json(response).get("error").asText());
        assertEquals(name, json(shop.get("/api/products/prod-0002")).get("name").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithTheRightErrorAndNever500(Case bad) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + bad.path()))
                .method(bad.method(), bad.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(bad.body()));
        if (bad.contentType() != null) {
            request.header("Content-Type", bad.contentType());
        }
        if ("guest".equals(bad.who())) {
            request.header("X-Session-Id", GUEST_SESSION);
        }
        if (bad.path().endsWith("?")) {
            request.header("Idempotency-Key", "bad key!"); // the case's marker: send a malformed key
        }
        if (tokens.containsKey(bad.who())) {
            request.header("Authorization", "Bearer " + tokens.get(bad.who()));
        }
        HttpResponse<String> response = shop.send(request);

        assertEquals(bad.status(), response.statusCode(), bad.name() + " -> " + response.body());
        JsonNode error = json(response);
        assertTrue(error.hasNonNull("error") && error.hasNonNull("message") && error.get("details").isArray(), response.body());
        assertFalse(response.body().contains("Exception") || response.body().contains("at org."), "no internals: " + response.body());
    }
}
