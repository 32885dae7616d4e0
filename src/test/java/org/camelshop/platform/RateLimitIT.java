package org.camelshop.platform;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limits, held in Redis and so shared by every instance: the seed's 1,000 public requests a minute per client
 * (batched: refused on every instance within two sync intervals of the limit), 50 admin writes, logins per client and
 * per account (exact); the client's address believed from a trusted proxy only.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitIT {

    private RunningShop behindProxy;

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
    void publicRequestsAcrossTwoInstancesAreRefusedWithinTwoSyncIntervalsOfTheLimit(LocalStack stack) {
        Map<String, String> settings = Map.of("shop.rate-limit.namespace", "public-" + UUID.randomUUID());
        List<RunningShop> shops = RunningShop.start(stack.ports(), settings, 2);
        try (RunningShop first = shops.get(0); RunningShop second = shops.get(1)) {
            int[] served = new int[2];
            for (int i = 1; i <= 1000; i++) {
                int which = i % 5 < 3 ? 0 : 1;   // 600 to one instance, 400 to the other
                HttpResponse<String> response = (which == 0 ? first : second).get("/api/products/prod-0001");
                served[which]++;
                assertEquals(200, response.statusCode(), "request " + i + " is within the limit: " + response.body());
                long remaining = Long.parseLong(response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
                assertTrue(remaining >= 1000 - i && remaining <= 1000 - served[which],
                        "request " + i + ": " + remaining + " left, as far as this instance knows (its own requests at least)");
            }
            double breachesBefore = second.metric("shop_rate_limit_breaches_total", "policy=\"public\"");

            // each instance learns the other's count with its next sync (shop.rate-limit.sync-interval-ms, 50 ms)
            HttpResponse<String> refused = await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                    .until(() -> second.get("/api/products/prod-0001"), response -> response.statusCode() != 200);

            assertEquals(429, refused.statusCode());
            assertEquals("rate_limited", json(refused).get("error").asText());
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertEquals("1000", refused.headers().firstValue("X-RateLimit-Limit").orElseThrow());
            assertEquals("0", refused.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
            assertEquals(429, await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                    .until(() -> first.get("/api/categories"), response -> response.statusCode() != 200).statusCode(),
                    "the limit is for the client's whole public API, on every instance");
            assertTrue(second.metric("shop_rate_limit_breaches_total", "policy=\"public\"") > breachesBefore);
            assertEquals(200, first.get("/observe/health/live").statusCode(), "ops endpoints are not rate limited");
        }
    }

    private static HttpResponse<String> from(RunningShop shop, String client, String path) {
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).header("X-Forwarded-For", client).GET());
    }

    /**
     * One shop behind a trusted proxy for the two tests that need one (a shop start is most of a test's time): they count
     * public requests and logins of different client addresses and accounts, so neither sees the other's.
     */
    private RunningShop behindProxy(LocalStack stack) {
        if (behindProxy == null) {
            behindProxy = RunningShop.start(stack.ports(), Map.of("shop.rate-limit.namespace", "proxied-" + UUID.randomUUID(),
                    "shop.http.trusted-proxies", "127.0.0.1/32, ::1/128", "shop.rate-limit.public.limit", "20", "shop.rate-limit.login.limit", "3"));
        }
        return behindProxy;
    }

    @AfterAll
    void stop() {
        if (behindProxy != null) {
            behindProxy.close();
        }
    }

    @Test
    void behindATrustedProxyEachShopperHasTheirOwnAllowance(LocalStack stack) {
        RunningShop shop = behindProxy(stack);
        for (int i = 1; i <= 20; i++) {
            assertEquals(200, from(shop, "203.0.113.1", "/api/categories").statusCode(), "request " + i);
        }
        assertEquals(429, from(shop, "203.0.113.1", "/api/categories").statusCode(), "the busy client is refused");

        HttpResponse<String> other = from(shop, "203.0.113.2", "/api/categories");

        assertEquals(200, other.statusCode(), "everyone else is not");
        assertEquals("19", other.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
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
        RunningShop shop = behindProxy(stack);
        String guess = "{\"email\":\"Admin@Shop.Local\",\"password\":\"guess\"}";
        for (int i = 1; i <= 3; i++) {
            assertEquals(401, login(shop, "198.51.100." + i, guess).statusCode(), "attempt " + i + " reaches the login");
        }

        HttpResponse<String> fourth = login(shop, "198.51.100.4", guess);

        assertEquals(429, fourth.statusCode(), "a fresh machine cannot go on guessing the same account");
        assertEquals(200, login(shop, "198.51.100.5", "{\"email\":\"demo@shop.local\",\"password\":\"demo-password\"}").statusCode(),
                "another account from another machine is not affected");
    }

    private static HttpResponse<String> login(RunningShop shop, String client, String body) {
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/auth/login")).header("X-Forwarded-For", client)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
