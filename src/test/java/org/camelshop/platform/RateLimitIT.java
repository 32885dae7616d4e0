package org.camelshop.platform;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed's public limit, 1,000 requests a minute in total, held in Redis and so shared by every instance. */
@ExtendWith(LocalStackExtension.class)
class RateLimitIT {

    @Test
    void anAdminGets50WritesAMinute(LocalStack stack) {
        try (RunningShop shop = RunningShop.start(stack.ports(), Map.of("shop.rate-limit.namespace", "admin-" + UUID.randomUUID()))) {
            String admin = shop.loginAdmin();
            for (int i = 1; i <= 50; i++) {
                HttpResponse<String> response = shop.call("PUT", "/api/products/prod-9999", "{\"price\":1}", admin);
                assertEquals(404, response.statusCode(), "request " + i + " reaches the route");
            }
            HttpResponse<String> refused = shop.call("PUT", "/api/products/prod-9999", "{\"price\":1}", admin);
            assertEquals(429, refused.statusCode());
            assertEquals("50", refused.headers().firstValue("X-RateLimit-Limit").orElseThrow());
            assertEquals(200, shop.get("/api/products/prod-0001").statusCode(), "reads fall under the public policy");
        }
    }

    @Test
    void the1001stPublicRequestAcrossTwoInstancesIsRefused(LocalStack stack) {
        Map<String, String> settings = Map.of("shop.rate-limit.namespace", "public-" + UUID.randomUUID());
        try (RunningShop first = RunningShop.start(stack.ports(), settings);
             RunningShop second = RunningShop.start(stack.ports(), settings)) {
            for (int i = 1; i <= 1000; i++) {
                RunningShop instance = i % 5 < 3 ? first : second;   // 600 to one instance, 400 to the other
                HttpResponse<String> response = instance.get("/api/products/prod-0001");
                assertEquals(200, response.statusCode(), "request " + i + ": " + response.body());
                assertEquals(Integer.toString(1000 - i), response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
            }
            double breachesBefore = second.metric("shop_rate_limit_breaches_total", "policy=\"public\"");

            HttpResponse<String> refused = second.get("/api/products/prod-0001");

            assertEquals(429, refused.statusCode());
            assertEquals("rate_limited", json(refused).get("error").asText());
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertEquals("1000", refused.headers().firstValue("X-RateLimit-Limit").orElseThrow());
            assertEquals("0", refused.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
            assertEquals(429, first.get("/api/categories").statusCode(), "the limit is for the whole public API");
            assertEquals(breachesBefore + 1, second.metric("shop_rate_limit_breaches_total", "policy=\"public\""));
            assertEquals(200, first.get("/observe/health/live").statusCode(), "ops endpoints are not rate limited");
        }
    }
}
