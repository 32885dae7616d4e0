package org.camelshop.files;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.local.StackPorts;
import org.camelshop.payment.Checkout;
import org.camelshop.platform.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Images and digital goods on the real local S3 (s3rver), through the shop's HTTP API: what is uploaded is an object with
 * its type, shows on the product and comes back byte for byte; a buyer's signed link leads to a presigned S3 GET of the
 * exact file, counted; forged links and refunded orders get 403; a second shop instance sees the same files.
 */
@ExtendWith(LocalStackExtension.class)
class ProductFilesIT {

    private static final String IMAGES = "camel-shop-images";
    private static final String GOODS = "camel-shop-goods";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static AwsClients aws;
    private static RunningShop second;

    private final RunningShop shop;
    private final LocalStack stack;
    private final String admin;

    ProductFilesIT(RunningShop shop, LocalStack stack) {
        this.shop = shop;
        this.stack = stack;
        this.admin = shop.loginAdmin();
    }

    @BeforeAll
    static void clients(LocalStack stack) {
        aws = stack.awsClients();
        // a second instance on the same stack, whose presigned links last 3 s and whose sweep has no grace period
        second = RunningShop.start(stack.ports(), Map.of("shop.downloads.presign-seconds", "3", "shop.files.orphan-grace-hours", "0",
                "shop.sample-catalog.load", "false"));
    }

    @AfterAll
    static void close() throws Exception {
        second.close();
        aws.close();
    }

    @Test
    void anUploadedImageIsAnObjectWithItsTypeAndShowsOnTheProductFromEitherInstance() throws Exception {
        byte[] front = png(1);
        byte[] back = png(2);
        String frontUrl = uploadImage(shop, "image/png", front);
        String backUrl = uploadImage(shop, "image/png", back);
        var head = aws.s3().headObject(r -> r.bucket(IMAGES).key("images/" + frontUrl.substring(frontUrl.lastIndexOf('/') + 1)));
        assertEquals("image/png", head.contentType());
        assertEquals(front.length, head.contentLength());

        String productId = new Checkout(shop).product(1500, 5, false);
        var changed = shop.call("PUT", "/api/products/" + productId, "{\"image_url\":\"" + frontUrl + "\",\"images\":[\"" + frontUrl + "\",\""
                + backUrl + "\"]}", admin);
        assertEquals(200, changed.statusCode(), changed.body());
        JsonNode shown = json(second.get("/api/products/" + productId));
        assertEquals(frontUrl, shown.get("image_url").asText(), "the primary image");
        assertEquals(backUrl, shown.get("images").get(1).asText(), "in the admin's order");

        for (RunningShop instance : new RunningShop[] {shop, second}) {
            HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + backUrl)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, served.statusCode());
            assertArrayEquals(back, served.body());
            assertEquals("image/png", served.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals(404, shop.get("/images/uploads/00000000-0000-0000-0000-000000000000.png").statusCode());
    }

    @Test
    void aBuyerDownloadsTheExactFileThroughAPresignedLinkCountedUntilTheOrderIsRefunded() throws Exception {
        Checkout checkout = new Checkout(shop);
        String productId = checkout.product(1200, 100, true);
        // above the 8 MB part size: the shop uploads it to S3 in parts
        byte[] file = zip(11 * 1024 * 1024);
        HttpResponse<String> uploaded = uploadFile(shop, productId, "Course Notes 2026.zip", "application/zip", file);
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        assertEquals("Course-Notes-2026.zip", json(uploaded).get("download_file").asText());
        assertEquals("Course-Notes-2026.zip", json(second.get("/api/products/" + productId)).get("download_file").asText());

        String orderId = checkout.orderAwaitingPayment("stripe", 1, productId);
        checkout.payByCard(orderId);
        String link = downloadLink(checkout, orderId);

        HttpResponse<byte[]> redirect = get(shop.baseUrl() + link);
        assertEquals(302, redirect.statusCode());
        String presigned = redirect.headers().firstValue("Location").orElseThrow();
        assertTrue(presigned.startsWith("http://127.0.0.1:" + stack.ports().s3() + "/" + GOODS + "/products/" + productId + "/"), presigned);
        assertTrue(presigned.contains("X-Amz-Signature=") && presigned.contains("X-Amz-Expires=300"), presigned);
        HttpResponse<byte[]> fetched = get(presigned);
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(file, fetched.body(), "the exact bytes that were uploaded");
        assertEquals("attachment; filename=\"Course-Notes-2026.zip\"", fetched.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals("application/zip", fetched.headers().firstValue("Content-Type").orElse(""));
        assertEquals(1, downloads(checkout, orderId).get(0).get("download_count").asLong());

        // the same signed shop link on the second instance: its presigned GET works now and expires in 3 s
        HttpResponse<byte[]> viaSecond = get(second.baseUrl() + link);
        assertEquals(302, viaSecond.statusCode());
        String shortLived = viaSecond.headers().firstValue("Location").orElseThrow();
        assertArrayEquals(file, get(shortLived).body());
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> get(shortLived).statusCode() == 403);
        assertEquals(2, downloads(checkout, orderId).get(0).get("download_count").asLong(), "every download is counted on the order");

        String forged = link.substring(0, link.length() - 4) + (link.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertEquals(403, get(shop.baseUrl() + forged).statusCode());
        String stretched = link.replaceFirst("expires=(\\d+)", "expires=9999999999");
        assertEquals(403, get(shop.baseUrl() + stretched).statusCode());

        HttpResponse<String> refunded = shop.call("POST", "/api/orders/" + orderId + "/refund", "{}", admin);
        assertEquals(200, refunded.statusCode(), refunded.body());
        HttpResponse<byte[]> revoked = get(shop.baseUrl() + link);
        assertEquals(403, revoked.statusCode());
        assertTrue(new String(revoked.body(), StandardCharsets.UTF_8).contains("access_revoked"));
        assertEquals(0, downloads(checkout, orderId).size(), "a refunded order lists no downloads");
    }

    @Test
    void wrongTypesLiesAndOversizedFilesAreRefused() throws Exception {
        assertEquals(415, uploadImageResponse(shop, "image/jpeg", png(3)).statusCode(), "a PNG declared as JPEG");
        assertEquals(415, uploadImageResponse(shop, "text/html", "<script>".getBytes(StandardCharsets.UTF_8)).statusCode());
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(png(4), 0, huge, 0, 16);
        HttpResponse<String> tooLarge = uploadImageResponse(shop, "image/png", huge);
        assertEquals(413, tooLarge.statusCode());
        assertEquals("payload_too_large", json(tooLarge).get("error").asText());

        String digital = new Checkout(shop).product(900, 10, true);
        HttpResponse<String> fakePdf = uploadFile(shop, digital, "guide.pdf", "application/pdf", "MZ\u0090\u0000 not a pdf".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(415, fakePdf.statusCode(), fakePdf.body());
        assertEquals(415, uploadFile(shop, digital, "notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)).statusCode());
        String physical = new Checkout(shop).product(900, 10, false);
        assertEquals(409, uploadFile(shop, physical, "guide.pdf", "application/pdf", pdf()).statusCode(), "a mug has no file");
        assertEquals(404, uploadFile(shop, "prod-none", "guide.pdf", "application/pdf", pdf()).statusCode());
        HttpResponse<String> asShopper = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/admin/products/" + digital + "/file"))
                .header("Authorization", "Bearer " + shop.newShopper("Mallory")).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf())));
        assertEquals(403, asShopper.statusCode());
    }

    @Test
    void whenS3IsDownUploadsAnswer503WithRetryAfterAndTheCatalogIsStillServed() throws Exception {
        StackPorts ports = stack.ports();
        StackPorts noS3 = new StackPorts(ports.sqs(), ports.dynamoDb(), ports.ses(), ports.redis(), StackPorts.freePort());
        try (RunningShop cut = RunningShop.start(noS3, Map.of("shop.sample-catalog.load", "false", "shop.provision.on-start", "false",
                "shop.aws.s3-api-call-timeout-ms", "3000"))) {
            HttpResponse<String> upload = uploadImageResponse(cut, "image/png", png(5));
            assertEquals(503, upload.statusCode(), upload.body());
            assertEquals("30", upload.headers().firstValue("Retry-After").orElse(""));
            assertEquals("storage_unavailable", json(upload).get("error").asText());
            String digital = new Checkout(shop).product(900, 10, true);
            assertEquals(503, uploadFile(cut, digital, "guide.pdf", "application/pdf", pdf()).statusCode());
            assertEquals(200, cut.get("/api/products?page_size=5").statusCode(), "browsing does not need S3");
            assertEquals(200, cut.get("/api/products/" + digital).statusCode());
        }
    }

    @Test
    void theSweepDeletesOnlyObjectsNoProductUses() throws Exception {
        String kept = uploadImage(shop, "image/gif", "GIF89a-kept".getBytes(StandardCharsets.US_ASCII));
        String abandoned = uploadImage(shop, "image/gif", "GIF89a-abandoned".getBytes(StandardCharsets.US_ASCII));
        String productId = new Checkout(shop).product(900, 10, true);
        assertEquals(200, shop.call("PUT", "/api/products/" + productId, "{\"images\":[\"" + kept + "\"]}", admin).statusCode());
        uploadFile(shop, productId, "first.pdf", "application/pdf", pdf());
        String firstKey = aws.s3().listObjectsV2(r -> r.bucket(GOODS).prefix("products/" + productId + "/")).contents().get(0).key();
        uploadFile(shop, productId, "second.pdf", "application/pdf", pdf());

        second.camelContext().createProducerTemplate().requestBody("direct:sweep-product-files", (Object) null);

        assertThrows(NoSuchKeyException.class, () -> aws.s3().headObject(r -> r.bucket(IMAGES).key(imageKey(abandoned))));
        aws.s3().headObject(r -> r.bucket(IMAGES).key(imageKey(kept)));
        var files = aws.s3().listObjectsV2(r -> r.bucket(GOODS).prefix("products/" + productId + "/")).contents();
        assertEquals(1, files.size(), "the replaced file is gone");
        assertNotEquals(firstKey, files.get(0).key());
        assertTrue(files.get(0).key().endsWith("/second.pdf"));
        assertFalse(aws.s3().listObjectsV2(r -> r.bucket(GOODS).prefix("samples/")).contents().isEmpty(), "sample files are in use");
    }

    private String downloadLink(Checkout checkout, String orderId) {
        return downloads(checkout, orderId).get(0).get("url").asText();
    }

    private JsonNode downloads(Checkout checkout, String orderId) {
        HttpResponse<String> response = shop.call("GET", "/api/orders/" + orderId + "/downloads", null, checkout.shopper);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).get("downloads");
    }

    private String uploadImage(RunningShop target, String type, byte[] bytes) {
        HttpResponse<String> response = uploadImageResponse(target, type, bytes);
        assertEquals(201, response.statusCode(), response.body());
        return json(response).get("image_url").asText();
    }

    private HttpResponse<String> uploadImageResponse(RunningShop target, String type, byte[] bytes) {
        return target.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/admin/images"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private HttpResponse<String> uploadFile(RunningShop target, String productId, String name, String type, byte[] bytes) {
        return target.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/admin/products/" + productId + "/file?filename="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + admin).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String imageKey(String url) {
        return "images/" + url.substring(url.lastIndexOf('/') + 1);
    }

    /** A PNG signature and header with a distinguishing tail. */
    private static byte[] png(int tag) {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', (byte) tag};
    }

    private static byte[] pdf() {
        return "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** Random bytes behind a ZIP signature: a different file every run. */
    private static byte[] zip(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        bytes[0] = 'P';
        bytes[1] = 'K';
        bytes[2] = 3;
        bytes[3] = 4;
        return bytes;
    }
}
