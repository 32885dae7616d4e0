package org.camelshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Security headers on every kind of response; operations detail and metrics only with the management token. */
@ExtendWith(LocalStackExtension.class)
class EdgeFilterIT {

    private final RunningShop shop;

    EdgeFilterIT(RunningShop shop) {
        this.shop = shop;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/admin-shop.html", "/js/api.js", "/api/products/prod-0001", "/api/nothing-here", "/api/orders",
            "/observe/health/ready", "/observe/metrics"})
    void everyResponseCarriesTheSecurityHeaders(String path) {
        HttpResponse<String> response = shop.get(path);

        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertEquals("DENY", header(response, "X-Frame-Options"));
        assertTrue(header(response, "Content-Security-Policy").contains("frame-ancestors 'none'"), header(response, "Content-Security-Policy"));
        assertEquals("strict-origin-when-cross-origin", header(response, "Referrer-Policy"));
        assertTrue(header(response, "Permissions-Policy").contains("camera=()"));
        assertEquals("", header(response, "Strict-Transport-Security"), "no HSTS over plain http");
    }

    @Test
    void pagesGetThePageCspAndHttpsGetsHsts() {
        HttpResponse<String> page = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/checkout.html")).header("X-Forwarded-Proto", "https"));

        assertEquals(200, page.statusCode());
        assertTrue(header(page, "Content-Security-Policy").startsWith("default-src 'self'"), "pages may load their own scripts");
        assertTrue(header(page, "Strict-Transport-Security").startsWith("max-age=31536000"));
        assertTrue(header(shop.get("/api/products/prod-0001"), "Content-Security-Policy").startsWith("default-src 'none'"), "JSON loads nothing");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/observe/health", "/observe/health/ready", "/observe/health/live"})
    void publicProbesSayOnlyUpOrDown(String path) {
        HttpResponse<String> response = shop.get(path);

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\"}", response.body(), "no hosts, errors or check names in public");
        assertTrue(shop.observe(path).body().contains("\"checks\""), "the operator sees every check");
    }

    @Test
    void metricsNeedTheManagementToken() {
        HttpResponse<String> anonymous = shop.get("/observe/metrics");
        HttpResponse<String> wrongToken = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/observe/metrics"))
                .header("Authorization", "Bearer " + RunningShop.MANAGEMENT_TOKEN + "x"));
        HttpResponse<String> operator = shop.observe("/observe/metrics");

        assertEquals(401, anonymous.statusCode());
        assertFalse(anonymous.body().contains("camel_"), anonymous.body());
        assertEquals(401, wrongToken.statusCode());
        assertEquals(200, operator.statusCode());
        assertTrue(operator.body().contains("camel_exchanges_total"));
    }

    @Test
    void aBodyPastItsPathsLimitIsRefusedBeforeItIsBuffered() throws Exception {
        HttpResponse<String> tooLarge = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/cart/add"))
                .header("Content-Type", "application/json").header("X-Session-Id", java.util.UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[200 * 1024])));
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertEquals("payload_too_large", RunningShop.json(tooLarge).get("error").asText());

        // HTTP/1.1 as a reverse proxy speaks it: a body of unknown length comes chunked
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> unsized = http11.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/cart/add"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream("{}".getBytes()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(411, unsized.statusCode(), "a chunked body could be any size: " + unsized.body());

        HttpResponse<String> largeUpload = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/admin/images"))
                .header("Content-Type", "image/png").header("Authorization", "Bearer " + shop.loginAdmin())
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024])));
        assertEquals(415, largeUpload.statusCode(), "an upload may be larger; this one is no PNG: " + largeUpload.body());
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }
}
