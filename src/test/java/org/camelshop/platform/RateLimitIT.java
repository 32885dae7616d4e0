package org.camelshop.platform;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limits, held in Redis and so shared by every instance: the seed's 1,000 public requests a minute per client, 50
 * admin writes, logins per client and per account; the client's address believed from a trusted proxy only.
 */
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
            assertEquals(429, first.get("/api/categories").statusCode(), "the limit is for the client's whole public API");
            assertEquals(breachesBefore + 1, second.metric("shop_rate_limit_breaches_total", "policy=\"public\""));
            assertEquals(200, first.get("/observe/health/live").statusCode(), "ops endpoints are not rate limited");
        }
    }

    private static HttpResponse<String> from(RunningShop shop, String client, String path) {
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).header("X-Forwarded-For", client).GET());
    }

    @Test
    void behindATrustedProxyEachShopperHasTheirOwnAllowance(LocalStack stack) {
        Map<String, String> settings = Map.of("shop.rate-limit.namespace", "clients-" + UUID.randomUUID(),
                "shop.http.trusted-proxies", "127.0.0.1/32, ::1/128", "shop.rate-limit.public.limit", "20");
        try (RunningShop shop = RunningShop.start(stack.ports(), settings)) {
            for (int i = 1; i <= 20; i++) {
                assertEquals(200, from(shop, "203.0.113.1", "/api/categories").statusCode(), "request " + i);
            }
            assertEquals(429, from(shop, "203.0.113.1", "/api/categories").statusCode(), "the busy client is refused");

            HttpResponse<String> other = from(shop, "203.0.113.2", "/api/categories");

            assertEquals(200, other.statusCode(), "everyone else is not");
            assertEquals("19", other.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        }
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotChooseItsAddress(LocalStack stack) {
        Map<String, String> settings = Map.of("shop.rate-limit.namespace", "spoof-" + UUID.randomUUID(),
                "shop.http.trusted-proxies", "10.0.0.0/8", "shop.rate-limit.public.limit", "20");
        try (RunningShop shop = RunningShop.start(stack.ports(), settings)) {
            for (int i = 1; i <= 20; i++) {
                assertEquals(200, from(shop, "198.51.100." + i, "/api/categories").statusCode(), "request " + i);
            }

            HttpResponse<String> spoofed = from(shop, "198.51.100.99", "/api/categories");

            assertEquals(429, spoofed.statusCode(), "a made-up X-Forwarded-For from an untrusted peer is ignored");
        }
    }

    @Test
    void loginsAreLimitedPerAccountFromEveryMachine(LocalStack stack) {
        Map<String, String> settings = Map.of("shop.rate-limit.namespace", "login-" + UUID.randomUUID(),
                "shop.http.trusted-proxies", "127.0.0.1/32, ::1/128", "shop.rate-limit.login.limit", "3");
        try (RunningShop shop = RunningShop.start(stack.ports(), settings)) {
            String guess = "{\"email\":\"Admin@Shop.Local\",\"password\":\"guess\"}";
            for (int i = 1; i <= 3; i++) {
                assertEquals(401, login(shop, "198.51.100." + i, guess).statusCode(), "attempt " + i + " reaches the login");
            }

            HttpResponse<String> fourth = login(shop, "198.51.100.4", guess);

            assertEquals(429, fourth.statusCode(), "a fresh machine cannot go on guessing the same account");
            assertEquals(200, login(shop, "198.51.100.5", "{\"email\":\"demo@shop.local\",\"password\":\"demo-password\"}").statusCode(),
                    "another account from another machine is not affected");
        }
    }

    private static HttpResponse<String> login(RunningShop shop, String client, String body) {
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/auth/login")).header("X-Forwarded-For", client)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
