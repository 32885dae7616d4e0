package org.camelshop.admin;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.platform.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The server side of the pages over HTTP: invoices and downloads follow the order's access rules, the CSV export, image
 * upload, sales analytics and the DLQ view are admin-only, and redrive moves dead letters back to their queue.
 */
@ExtendWith(LocalStackExtension.class)
class PageToolsIT {

    private static final String ADDRESS = "{\"name\":\"Ada\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"78701\",\"country\":\"US\"}";
    private final RunningShop shop;
    private final LocalStack stack;

    PageToolsIT(RunningShop shop, LocalStack stack) {
        this.shop = shop;
        this.stack = stack;
    }

    private HttpResponse<byte[]> bytes(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).GET();
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String physicalBook() {
        for (JsonNode item : json(shop.get("/api/products?category=Books&in_stock=true&page_size=50")).get("items")) {
            if (!item.get("digital_download").asBoolean() && item.get("stock_quantity").asInt() > 20) {
                return item.get("product_id").asText();
            }
        }
        throw new AssertionError("no book with stock");
    }

    /** A guest order; returns the 202 receipt (with its access_token). */
    private JsonNode guestOrder() {
        String session = UUID.randomUUID().toString();
        assertEquals(200, shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/cart/add")).header("X-Session-Id", session)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"product_id\":\"" + physicalBook() + "\",\"quantity\":1}"))).statusCode());
        HttpResponse<String> placed = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/orders/create")).header("X-Session-Id", session)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"shipping_address\":" + ADDRESS
                        + ",\"billing_address\":" + ADDRESS + ",\"payment_method\":\"stripe\",\"accept_terms\":true,\"email\":\"pdf@example.com\"}")));
        assertEquals(202, placed.statusCode(), placed.body());
        return json(placed);
    }

    @Test
    void invoicesAndDownloadsFollowTheOrdersAccessRules() throws Exception {
        JsonNode receipt = guestOrder();
        String id = receipt.get("order_id").asText();
        String token = receipt.get("access_token").asText();
        assertEquals(404, bytes("/api/orders/" + id + "/invoice", Map.of()).statusCode(), "no token");
        assertEquals(404, bytes("/api/orders/" + id + "/invoice", Map.of("X-Order-Token", "wrong")).statusCode());
        assertEquals(404, bytes("/api/orders/" + id + "/invoice", Map.of("Authorization", "Bearer " + shop.newShopper("Other"))).statusCode(),
                "someone else's order does not exist for them");
        HttpResponse<byte[]> pdf = bytes("/api/orders/" + id + "/invoice?token=" + token, Map.of());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertEquals("%PDF", new String(pdf.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(200, bytes("/api/orders/" + id + "/invoice", Map.of("Authorization", "Bearer " + shop.loginAdmin())).statusCode());

        HttpResponse<byte[]> links = bytes("/api/orders/" + id + "/downloads", Map.of("X-Order-Token", token));
        assertEquals(200, links.statusCode());
        assertEquals(0, new com.fasterxml.jackson.databind.ObjectMapper().readTree(links.body()).get("downloads").size(), "nothing to download from an unpaid order of books");
        HttpResponse<String> forged = shop.get("/api/downloads/" + id + "/prod-0001?expires=9999999999&signature=forged");
        assertEquals(403, forged.statusCode());
        assertEquals("invalid_link", json(forged).get("error").asText());
    }

    @Test
    void theCsvExportIsForAdminsAndListsOrders() {
        String number = guestOrder().get("order_number").asText();
        assertEquals(401, shop.get("/api/orders/admin/export.csv").statusCode());
        assertEquals(403, shop.call("GET", "/api/orders/admin/export.csv", null, shop.newShopper("Nosy")).statusCode());
        String admin = shop.loginAdmin();
        assertEquals(400, shop.call("GET", "/api/orders/admin/export.csv?status=lost", null, admin).statusCode());
        HttpResponse<String> csv = shop.call("GET", "/api/orders/admin/export.csv", null, admin);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("order_number,order_id,order_date,user_email,order_status"));
        assertTrue(csv.body().lines().anyMatch(l -> l.startsWith(number + ",") && l.contains(",pdf@example.com,")), csv.body());
    }

    @Test
    void imagesAreUploadedByAdminsAndServedByteForByte() throws Exception {
        byte[] png = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==");
        HttpRequest.Builder upload = HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/admin/images")).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png));
        assertEquals(401, shop.send(upload.copy()).statusCode());
        assertEquals(403, shop.send(upload.copy().header("Authorization", "Bearer " + shop.newShopper("Painter"))).statusCode());
        String admin = shop.loginAdmin();
        HttpResponse<String> text = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/admin/images"))
                .header("Content-Type", "text/html").header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.ofString("<p>hi</p>")));
        assertEquals(415, text.statusCode());
        HttpResponse<String> stored = shop.send(upload.copy().header("Authorization", "Bearer " + admin));
        assertEquals(201, stored.statusCode(), stored.body());
        String url = json(stored).get("image_url").asText();
        assertTrue(url.startsWith("/images/uploads/"), url);
        HttpResponse<byte[]> served = bytes(url, Map.of());
        assertEquals(200, served.statusCode());
        assertEquals("image/png", served.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(png, served.body());
        assertEquals(404, bytes("/images/uploads/not-there.png", Map.of()).statusCode());
    }

    @Test
    void bulkActionsChangeEachProductAndReportTheOnesThatFailed() {
        String admin = shop.loginAdmin();
        String sku = "BULK-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Bulk probe\",\"sku\":\"" + sku
                + "\",\"price\":1000,\"category\":\"Merchandise\",\"stock_quantity\":5}", admin);
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created).get("product_id").asText();
        String body = "{\"product_ids\":[\"" + id + "\",\"prod-nosuch\"],\"action\":\"price_percent\",\"percent\":-10}";
        assertEquals(403, shop.call("POST", "/api/admin/products/bulk", body, shop.newShopper("Bulky")).statusCode());
        assertEquals(400, shop.call("POST", "/api/admin/products/bulk", "{\"product_ids\":[\"" + id + "\"],\"action\":\"melt\"}", admin).statusCode());
        HttpResponse<String> answer = shop.call("POST", "/api/admin/products/bulk", body, admin);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(1, json(answer).get("changed").asInt());
        assertEquals("prod-nosuch", json(answer).get("failed").get(0).get("product_id").asText());
        assertEquals(900, json(shop.call("GET", "/api/products/" + id, null, admin)).get("price").asLong());
        HttpResponse<String> moved = shop.call("POST", "/api/admin/products/bulk", "{\"product_ids\":[\"" + id
                + "\"],\"action\":\"move\",\"category\":\"Apparel\",\"subcategory\":\"Hats\"}", admin);
        assertEquals(1, json(moved).get("changed").asInt(), moved.body());
        assertEquals("Hats", json(shop.call("GET", "/api/products/" + id, null, admin)).get("subcategory").asText());
    }

    @Test
    void salesAnalyticsAreForAdmins() {
        assertEquals(403, shop.call("GET", "/api/admin/analytics", null, shop.newShopper("Curious")).statusCode());
        HttpResponse<String> answer = shop.call("GET", "/api/admin/analytics?days=7&low_stock=5", null, shop.loginAdmin());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode report = json(answer);
        assertEquals(7, report.get("sales_per_day").size(), "every day of the window");
        assertTrue(report.get("orders_by_status").size() > 0);
        report.get("low_stock").forEach(p -> assertTrue(p.get("stock_quantity").asInt() <= 5));
        assertEquals(400, shop.call("GET", "/api/admin/analytics?days=0", null, shop.loginAdmin()).statusCode());
    }

    @Test
    void deadLettersAreListedWithTheirReasonAndRedrivenToTheirQueue() throws Exception {
        String body = "{\"order_id\":\"redrive-probe-" + UUID.randomUUID() + "\",\"user_id\":\"nobody\"}";
        try (AwsClients aws = stack.awsClients()) {
            String dlq = aws.sqs().getQueueUrl(r -> r.queueName("inventory-update-dlq")).queueUrl();
            aws.sqs().sendMessage(r -> r.queueUrl(dlq).messageBody(body).messageAttributes(Map.of("failure_reason",
                    MessageAttributeValue.builder().dataType("String").stringValue("IllegalStateException: probe").build())));
        }
        String admin = shop.loginAdmin();
        assertEquals(403, shop.call("GET", "/api/admin/dlq", null, shop.newShopper("Ops")).statusCode());
        JsonNode queues = json(shop.call("GET", "/api/admin/dlq", null, admin)).get("queues");
        assertEquals(org.camelshop.platform.provision.ResourcePlan.QUEUES.size(), queues.size(), "every queue of the plan");
        JsonNode inventory = null;
        for (JsonNode q : queues) {
            if (q.get("queue").asText().equals("inventory-update-queue")) {
                inventory = q;
            }
        }
        assertTrue(inventory.get("depth").asInt() >= 1, inventory.toString());
        assertTrue(inventory.get("messages").toString().contains("IllegalStateException: probe"), inventory.toString());
        HttpResponse<String> moved = shop.call("POST", "/api/admin/dlq/inventory-update-queue/redrive", null, admin);
        assertEquals(200, moved.statusCode(), moved.body());
        assertTrue(json(moved).get("moved").asInt() >= 1);
        assertEquals(404, shop.call("POST", "/api/admin/dlq/no-such-queue/redrive", null, admin).statusCode());
    }
}
