package org.camelshop.order;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.platform.AwsClients;
import org.camelshop.platform.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The queue-driven order pipeline on the real emulators: place, reserve, never oversell, never twice. */
@ExtendWith(LocalStackExtension.class)
class OrderFlowIT {

    private static final String ADDRESS = "{\"name\":\"Ann\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    private static final String PLACEMENT = "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
            + ",\"payment_method\":\"stripe\",\"accept_terms\":true,\"email\":\"buyer@example.com\"}";

    private final RunningShop shop;
    private final LocalStack stack;

    OrderFlowIT(RunningShop shop, LocalStack stack) {
        this.shop = shop;
        this.stack = stack;
    }

    /** A product of its own with the given stock, so tests never share counts. */
    private String productWithStock(int stock) {
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Limited Print\",\"price\":2500,\"category\":\"Merchandise\","
                + "\"sku\":\"LIM-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"stock_quantity\":" + stock + "}", shop.loginAdmin());
        assertEquals(201, created.statusCode(), created.body());
        return json(created).get("product_id").asText();
    }

    private HttpResponse<String> asGuest(String session, String method, String path, String body) {
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).header("X-Session-Id", session)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A guest with the product in their cart; returns the guest's session. */
    private String guestWithCart(String productId, int quantity) {
        return guestWithCart(productId, null, quantity);
    }

    /** A guest with the product's variant ({@code null}: a product without options) in their cart. */
    private String guestWithCart(String productId, String variantId, int quantity) {
        String session = UUID.randomUUID().toString();
        HttpResponse<String> added = asGuest(session, "POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":" + quantity
                + (variantId == null ? "" : ",\"variant_id\":\"" + variantId + "\"") + "}");
        assertEquals(200, added.statusCode(), added.body());
        return session;
    }

    /** A T-shirt of its own in two sizes, with the stock of each. */
    private String shirtWithStock(int small, int medium) {
        String sku = "TEE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Sized Tee\",\"price\":2000,\"category\":\"Apparel\","
                + "\"sku\":\"" + sku + "\",\"options\":[{\"name\":\"Size\",\"values\":[\"S\",\"M\"]}],\"variants\":["
                + "{\"sku\":\"" + sku + "-S\",\"options\":{\"Size\":\"S\"},\"stock\":" + small + "},"
                + "{\"sku\":\"" + sku + "-M\",\"options\":{\"Size\":\"M\"},\"stock\":" + medium + ",\"price\":2200}]}", shop.loginAdmin());
        assertEquals(201, created.statusCode(), created.body());
        return json(created).get("product_id").asText();
    }

    /** The stock of each variant, by id, and the product's total under "total". */
    private Map<String, Integer> variantStock(String productId) {
        JsonNode product = json(shop.get("/api/products/" + productId));
        Map<String, Integer> stock = new java.util.TreeMap<>();
        product.get("variants").forEach(v -> stock.put(v.get("variant_id").asText(), v.get("stock").asInt()));
        stock.put("total", product.get("stock_quantity").asInt());
        return stock;
    }

    /** The guest places the order; returns the 202 receipt. */
    private JsonNode checkout(String session) {
        HttpResponse<String> placed = asGuest(session, "POST", "/api/orders/create", PLACEMENT);
        assertEquals(202, placed.statusCode(), placed.body());
        return json(placed);
    }

    private JsonNode guestBuys(String productId, int quantity) {
        return checkout(guestWithCart(productId, quantity));
    }

    private JsonNode order(JsonNode receipt) {
        return json(shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/orders/" + receipt.get("order_id").asText()))
                .header("X-Order-Token", receipt.get("access_token").asText()).GET()));
    }

    /** The mails the SES emulator received about an order (its inbox API, GET /store). */
    private List<JsonNode> mailsAbout(String orderNumber) {
        HttpResponse<String> store = shop.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().ses() + "/store")).GET());
        List<JsonNode> found = new ArrayList<>();
        json(store).get("emails").forEach(mail -> {
            if (mail.get("subject").asText().contains(orderNumber)) {
                found.add(mail);
            }
        });
        return found;
    }

    private JsonNode sentMail(String orderNumber) {
        List<JsonNode> mails = mailsAbout(orderNumber);
        return mails.isEmpty() ? null : mails.get(0);
    }

    private int sentMails(String orderNumber) {
        return mailsAbout(orderNumber).size();
    }

    private int stock(String productId) {
        return json(shop.get("/api/products/" + productId)).get("stock_quantity").asInt();
    }

    @Test
    void aPlacedOrderIsReservedAndAwaitsPayment() {
        String productId = productWithStock(5);
        JsonNode receipt = guestBuys(productId, 2);
        assertEquals("pending", receipt.get("order_status").asText());
        assertEquals(5000, receipt.get("subtotal").asLong(), "priced by the server");
        assertEquals(313, receipt.get("tax").asLong(), "Texas 6.25 % (application.properties)");
        assertEquals(0, receipt.get("shipping").asLong(), "free from $50");
        assertEquals(5313, receipt.get("total").asLong());
        assertTrue(receipt.get("order_number").asText().startsWith("CS-"));

        await().atMost(Duration.ofSeconds(60)).until(() -> "awaiting_payment".equals(order(receipt).get("order_status").asText()));
        assertEquals(3, stock(productId));
        assertTrue(order(receipt).has("reserved_until"));
        String orderNumber = receipt.get("order_number").asText();
        JsonNode mail = await().atMost(Duration.ofSeconds(60)).until(() -> sentMail(orderNumber), m -> m != null);
        assertEquals("buyer@example.com", mail.get("destination").get("to").get(0).asText());
        assertTrue(mail.get("body").get("text").asText().contains("USD 53.13"));
        String html = mail.get("body").get("html").asText();
        assertTrue(html.contains("<strong>" + orderNumber + "</strong>"));
        // pictures every mail client shows: the PNG logo and the line's artwork thumbnail, absolute
        assertTrue(html.matches("(?s).*<img src=\"http://\\S+/images/logo\\.png\".*"), html);
        assertTrue(html.matches("(?s).*<img src=\"http://\\S+/images/art/" + productId + "/thumb\\.png\" [^>]*alt=\"Limited Print\".*"), html);
        assertFalse(html.contains(".svg"), "no SVG in a mail");
        assertEquals(404, shop.get("/api/orders/" + receipt.get("order_id").asText()).statusCode(), "no token, no order");

        // the mail's "view your order" link: this shop's address, and the order's token, which opens it on any device
        Matcher link = Pattern.compile("(http://\\S*/orders\\.html\\?order=" + receipt.get("order_id").asText() + "&token=([\\w.-]+))")
                .matcher(mail.get("body").get("text").asText());
        assertTrue(link.find(), mail.get("body").get("text").asText());
        assertTrue(link.group(1).startsWith(shop.baseUrl().replace("127.0.0.1", "localhost") + "/"), link.group(1));
        String mailToken = link.group(2);
        assertEquals(receipt.get("access_token").asText(), mailToken, "the order's own access token, derived again from the order id");
        HttpResponse<String> fromMail = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/orders/" + receipt.get("order_id").asText()))
                .header("X-Order-Token", mailToken).GET());
        assertEquals(200, fromMail.statusCode(), fromMail.body());
        HttpResponse<String> otherOrder = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/orders/" + guestBuys(productId, 1)
                .get("order_id").asText())).header("X-Order-Token", mailToken).GET());
        assertEquals(404, otherOrder.statusCode(), "the link's token opens its own order only");
    }

    @Test
    void aGuestCancelsAnUnpaidOrderAndTheStockGoesBack() {
        String productId = productWithStock(4);
        JsonNode receipt = guestBuys(productId, 3);
        await().atMost(Duration.ofSeconds(60)).until(() -> "awaiting_payment".equals(order(receipt).get("order_status").asText()));
        assertEquals(1, stock(productId));
        String path = "/api/orders/" + receipt.get("order_id").asText() + "/cancel";

        assertEquals(404, shop.call("POST", path, null, shop.newShopper("Stranger")).statusCode(), "someone else's order");
        HttpResponse<String> cancelled = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path))
                .header("X-Order-Token", receipt.get("access_token").asText()).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", json(cancelled).get("order_status").asText());
        assertEquals("customer_request", json(cancelled).get("cancel_reason").asText());
        assertEquals(4, stock(productId));
        HttpResponse<String> again = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path))
                .header("X-Order-Token", receipt.get("access_token").asText()).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(409, again.statusCode(), "a cancelled order stays cancelled");
        assertEquals(4, stock(productId), "and its stock is returned once");
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsAbout(receipt.get("order_number").asText()).stream()
                .anyMatch(m -> m.get("subject").asText().contains("cancelled")));
    }

    /** The order ids and statuses of a logged-in shopper's list (GET /api/orders), newest first. */
    private List<String> myOrders(String token) {
        HttpResponse<String> listed = shop.call("GET", "/api/orders", null, token);
        assertEquals(200, listed.statusCode(), listed.body());
        List<String> orders = new ArrayList<>();
        json(listed).get("items").forEach(o -> orders.add(o.get("order_id").asText() + " " + o.get("order_status").asText()));
        return orders;
    }

    private double cachedOrderLists() {
        return shop.observe("/observe/metrics").body().lines()
                .filter(l -> l.startsWith("shop_cache_requests_total{") && l.contains("cache=\"orders\"") && l.contains("result=\"hit\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void myCartAndOrderListShowEveryChangeAtOnceAndOnlyMine() {
        String productId = productWithStock(5);
        String mia = shop.newShopper("Mia");
        String noah = shop.newShopper("Noah");
        assertEquals(List.of(), myOrders(mia));
        assertEquals(200, shop.call("POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":2}", mia).statusCode());
        assertEquals(2, json(shop.call("GET", "/api/cart", null, mia)).get("items").get(0).get("quantity").asInt(), "read after the add");
        assertEquals(200, shop.call("PUT", "/api/cart/update", "{\"product_id\":\"" + productId + "\",\"quantity\":1}", mia).statusCode());
        assertEquals(1, json(shop.call("GET", "/api/cart", null, mia)).get("items").get(0).get("quantity").asInt(), "read after the update");
        assertEquals(0, json(shop.call("GET", "/api/cart", null, noah)).get("items").size(), "nobody else's cart");

        HttpResponse<String> placed = shop.call("POST", "/api/orders/create", PLACEMENT, mia);
        assertEquals(202, placed.statusCode(), placed.body());
        String orderId = json(placed).get("order_id").asText();
        assertEquals(orderId, myOrders(mia).get(0).split(" ")[0], "the new order is listed at once");
        assertEquals(0, json(shop.call("GET", "/api/cart", null, mia)).get("items").size(), "the cart is empty after checkout");

        // the order processor (a queue consumer, not this request) reserves it: the list shows that as soon as the order does
        await().atMost(Duration.ofSeconds(60)).until(() -> "awaiting_payment".equals(
                json(shop.call("GET", "/api/orders/" + orderId, null, mia)).get("order_status").asText()));
        assertEquals(List.of(orderId + " awaiting_payment"), myOrders(mia));
        // repeated reads come from the cache once the list has settled after the last write
        double hits = cachedOrderLists();
        await().atMost(Duration.ofSeconds(30)).until(() -> myOrders(mia).equals(List.of(orderId + " awaiting_payment")) && cachedOrderLists() > hits);

        assertEquals(200, shop.call("POST", "/api/orders/" + orderId + "/cancel", null, mia).statusCode());
        assertEquals(List.of(orderId + " cancelled"), myOrders(mia), "the cached list gave way to the cancellation");
        assertTrue(myOrders(noah).isEmpty(), "nobody else's orders");
    }

    @Test
    void adminsManageOrdersThroughTheStateMachine() {
        String productId = productWithStock(5);
        JsonNode receipt = guestBuys(productId, 2);
        String orderId = receipt.get("order_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "awaiting_payment".equals(order(receipt).get("order_status").asText()));
        String admin = shop.loginAdmin();

        JsonNode listed = json(shop.call("GET", "/api/orders/admin/list?status=awaiting_payment&page_size=100", null, admin));
        assertTrue(listed.get("items").toString().contains(orderId));
        assertEquals(400, shop.call("GET", "/api/orders/admin/list?status=lost", null, admin).statusCode());
        assertEquals(403, shop.call("GET", "/api/orders/admin/list", null, shop.newShopper("Curious")).statusCode());

        HttpResponse<String> impossible = shop.call("PUT", "/api/orders/" + orderId + "/status", "{\"order_status\":\"shipped\"}", admin);
        assertEquals(409, impossible.statusCode(), "awaiting_payment cannot jump to shipped");
        assertEquals("invalid_status_change", json(impossible).get("error").asText());
        assertEquals(400, shop.call("PUT", "/api/orders/" + orderId + "/status", "{\"order_status\":\"lost\"}", admin).statusCode());

        HttpResponse<String> confirmedUnpaid = shop.call("PUT", "/api/orders/" + orderId + "/status", "{\"order_status\":\"confirmed\"}", admin);
        assertEquals(409, confirmedUnpaid.statusCode(), "no order is confirmed without a recorded payment");
        assertEquals("payment_required", json(confirmedUnpaid).get("error").asText());
        HttpResponse<String> trackedUnpaid = shop.call("PUT", "/api/orders/" + orderId + "/tracking", "{\"tracking_number\":\"1Z999\",\"carrier\":\"UPS\"}", admin);
        assertEquals(409, trackedUnpaid.statusCode(), "nothing ships before it is paid");
        assertEquals("order_not_paid", json(trackedUnpaid).get("error").asText());
        assertEquals("awaiting_payment", order(receipt).get("order_status").asText(), "the buyer can still pay");
        assertTrue(order(receipt).get("tracking_number") == null);

        HttpResponse<String> cancelled = shop.call("PUT", "/api/orders/" + orderId + "/status", "{\"order_status\":\"cancelled\"}", admin);
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", json(cancelled).get("order_status").asText());
        assertEquals(5, stock(productId), "stock returned");
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsAbout(receipt.get("order_number").asText()).stream()
                .anyMatch(m -> m.get("subject").asText().contains("was cancelled")));
        assertEquals(409, shop.call("PUT", "/api/orders/" + orderId + "/status", "{\"order_status\":\"confirmed\"}", admin).statusCode());
    }

    /** The product's item as stored, with the inventory flags the API does not show. */
    private Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> storedProduct(String productId) {
        return stack.awsClients().dynamoDb().getItem(r -> r.tableName("Products").consistentRead(true)
                .key(Map.of("product_id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(productId)))).item();
    }

    private String restockEpisode(String productId) {
        var episode = storedProduct(productId).get("restock_episode");
        return episode == null ? "none" : episode.n();
    }

    @Test
    void runningOutAndComingBackAreFlaggedThroughTheInventoryQueue() {
        String productId = productWithStock(2);
        JsonNode receipt = guestBuys(productId, 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> storedProduct(productId).containsKey("out_of_stock_since"));
        assertEquals(0, stock(productId));
        assertEquals("none", restockEpisode(productId), "never restocked yet");

        HttpResponse<String> cancelled = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/orders/" + receipt.get("order_id").asText() + "/cancel"))
                .header("X-Order-Token", receipt.get("access_token").asText()).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        await().atMost(Duration.ofSeconds(60)).until(() -> "1".equals(restockEpisode(productId)));
        assertTrue(storedProduct(productId).containsKey("restocked_at"));
        assertTrue(!storedProduct(productId).containsKey("out_of_stock_since"), "flag cleared");

        guestBuys(productId, 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> storedProduct(productId).containsKey("out_of_stock_since"));
        String admin = shop.loginAdmin();
        HttpResponse<String> restocked = shop.call("PUT", "/api/products/" + productId, "{\"stock_quantity\":7}", admin);
        assertEquals(200, restocked.statusCode(), restocked.body());
        await().atMost(Duration.ofSeconds(60)).until(() -> "2".equals(restockEpisode(productId)));
        assertEquals(7, stock(productId));
    }

    @Test
    void ordersLeftUnpaidPastTheirWindowAreCancelledAndReleased() {
        String productId = productWithStock(6);
        JsonNode receipt = guestBuys(productId, 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> "awaiting_payment".equals(order(receipt).get("order_status").asText()));
        Cancellations cancellations = shop.camelContext().getRegistry().lookupByNameAndType("cancellations", Cancellations.class);

        assertTrue(cancellations.expireUnpaidAsOf(java.time.Instant.now()).stream().noneMatch(m -> m.contains(receipt.get("order_id").asText())),
                "still inside its window");
        List<String> mails = cancellations.expireUnpaidAsOf(java.time.Instant.now().plus(Duration.ofMinutes(31)));

        assertTrue(mails.stream().anyMatch(m -> m.contains(receipt.get("order_id").asText())));
        assertEquals("payment_timeout", order(receipt).get("cancel_reason").asText());
        assertEquals(6, stock(productId));
    }

    @Test
    void aHundredBuyersForTenPiecesNeverOversell() throws Exception {
        String productId = productWithStock(10);
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            carts.add(guestWithCart(productId, 1)); // all in stock while they shop
        }
        List<JsonNode> receipts = checkOutAtOnce(carts, 16);
        long held = receipts.stream().filter(r -> "awaiting_payment".equals(order(r).get("order_status").asText())).count();
        long cancelled = receipts.stream().map(this::order)
                .filter(o -> "cancelled".equals(o.get("order_status").asText()) && "out_of_stock".equals(o.get("cancel_reason").asText())).count();
        assertEquals(10, held);
        assertEquals(90, cancelled);
        assertEquals(0, stock(productId));
    }

    /** Every cart checks out at once ({@code threads} at a time); returns the receipts, in order, once none is pending. */
    private List<JsonNode> checkOutAtOnce(List<String> carts, int threads) throws Exception {
        ExecutorService buyers = Executors.newFixedThreadPool(threads);
        List<JsonNode> receipts = new ArrayList<>();
        try {
            List<CompletableFuture<JsonNode>> orders = carts.stream().map(s -> CompletableFuture.supplyAsync(() -> checkout(s), buyers)).toList();
            for (CompletableFuture<JsonNode> placed : orders) {
                receipts.add(placed.get());
            }
        } finally {
            buyers.shutdown();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> receipts.stream().noneMatch(r -> "pending".equals(order(r).get("order_status").asText())));
        return receipts;
    }

    @Test
    void buyersOfOneSizeNeverOversellItNorTouchTheOther() throws Exception {
        String productId = shirtWithStock(3, 5);
        HttpResponse<String> noSize = asGuest(UUID.randomUUID().toString(), "POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}");
        assertEquals(400, noSize.statusCode());
        assertEquals("variant_required", json(noSize).get("error").asText());
        assertEquals("Choose the size of Sized Tee", json(noSize).get("message").asText());
        HttpResponse<String> unknown = asGuest(UUID.randomUUID().toString(), "POST", "/api/cart/add",
                "{\"product_id\":\"" + productId + "\",\"variant_id\":\"xl\",\"quantity\":1}");
        assertEquals("unknown_variant", json(unknown).get("error").asText());
        HttpResponse<String> tooMany = asGuest(UUID.randomUUID().toString(), "POST", "/api/cart/add",
                "{\"product_id\":\"" + productId + "\",\"variant_id\":\"s\",\"quantity\":4}");
        assertEquals(409, tooMany.statusCode(), "only 3 of size S, though 8 of the shirt");

        List<String> carts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            carts.add(guestWithCart(productId, "s", 1));
        }
        carts.add(guestWithCart(productId, "m", 2));
        List<JsonNode> receipts = checkOutAtOnce(carts, 8);
        List<JsonNode> small = receipts.subList(0, 12).stream().map(this::order).toList();
        assertEquals(3, small.stream().filter(o -> "awaiting_payment".equals(o.get("order_status").asText())).count());
        assertEquals(9, small.stream().filter(o -> "out_of_stock".equals(o.path("cancel_reason").asText())).count());
        JsonNode medium = order(receipts.get(12));
        assertEquals("awaiting_payment", medium.get("order_status").asText(), "the other size is not short");
        JsonNode line = medium.get("items").get(0);
        assertEquals("m", line.get("variant_id").asText());
        assertEquals("M", line.get("variant").asText());
        assertEquals(2200, line.get("unit_price").asLong(), "the variant's own price");
        assertEquals(Map.of("s", 0, "m", 3, "total", 3), variantStock(productId));
    }

    @Test
    void aRedeliveredOrderOfAVariantTakesItsStockOnce() throws Exception {
        String productId = shirtWithStock(4, 6);
        JsonNode receipt = checkout(guestWithCart(productId, "m", 2));
        redeliverFiveTimes(receipt);
        assertEquals(Map.of("s", 4, "m", 4, "total", 8), variantStock(productId), "6 - 2 of size M, once");
        assertEquals("awaiting_payment", order(receipt).get("order_status").asText());
    }

    /**
     * Waits until the order is reserved, sends its message five times more and waits until the queue is drained: three
     * as the shop sends it (the order as placed, pending, carried in the message) and two naming the order only.
     */
    private void redeliverFiveTimes(JsonNode receipt) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> "awaiting_payment".equals(order(receipt).get("order_status").asText()));
        ObjectNode asPlaced = order(receipt).deepCopy();
        asPlaced.put("order_status", "pending");
        String carried = Orders.Placed.of(Json.read(asPlaced.toString(), Order.class));
        String named = "{\"order_id\":\"" + receipt.get("order_id").asText() + "\",\"user_id\":\"" + order(receipt).get("user_id").asText() + "\"}";
        try (AwsClients aws = stack.awsClients()) {
            String queue = aws.sqs().getQueueUrl(r -> r.queueName("order-processing-queue")).queueUrl();
            for (int i = 0; i < 5; i++) {
                String message = i % 2 == 0 ? carried : named;
                aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(message));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> "0".equals(aws.sqs().getQueueAttributes(r -> r.queueUrl(queue)
                    .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings()
                    .values().stream().reduce("0", (a, b) -> Integer.toString(Integer.parseInt(a) + Integer.parseInt(b)))));
        }
    }

    @Test
    void theSameOrderMessageDeliveredFiveTimesTakesStockOnce() throws Exception {
        String productId = productWithStock(8);
        JsonNode receipt = guestBuys(productId, 3);
        redeliverFiveTimes(receipt);
        assertEquals(5, stock(productId), "8 - 3, once");
        assertEquals("awaiting_payment", order(receipt).get("order_status").asText());
        await().atMost(Duration.ofSeconds(60)).until(() -> sentMail(receipt.get("order_number").asText()) != null);
        assertEquals(1, sentMails(receipt.get("order_number").asText()), "one e-mail");
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueWithItsReason() throws Exception {
        // the shared test shop retries after 1 s and 4 s, so three receives take seconds rather than minutes
        try (AwsClients aws = stack.awsClients()) {
            String queue = aws.sqs().getQueueUrl(r -> r.queueName("order-processing-queue")).queueUrl();
            String dlq = aws.sqs().getQueueUrl(r -> r.queueName("order-processing-dlq")).queueUrl();
            String poison = "{\"order_id\":\"no-such-order-" + UUID.randomUUID() + "\",\"user_id\":\"nobody\"}";
            aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(poison));

            Message dead = await().atMost(Duration.ofSeconds(60)).until(() -> aws.sqs().receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages().stream().filter(m -> m.body().equals(poison)).findFirst().orElse(null), m -> m != null);
            Map<String, MessageAttributeValue> attributes = dead.messageAttributes();
            assertTrue(attributes.get("failure_reason").stringValue().contains("not in the Orders table"), attributes.toString());
            assertEquals("order-processor", attributes.get("failed_route").stringValue());
            assertEquals("3", attributes.get("receive_count").stringValue());
        }
    }
}
