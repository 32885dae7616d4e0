package org.camelshop.platform;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.local.StackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Catalog reads through Redis: hits, ETag/304, Cache-Control, metrics, and correct answers with Redis stopped. */
@ExtendWith(LocalStackExtension.class)
class ResponseCacheIT {

    @Test
    void secondReadIsAHitCountedInMetrics(RunningShop shop) {
        String path = "/api/products?category=Books&page=2&sort=price_desc";
        double hitsBefore = shop.metric("shop_cache_requests_total", "cache=\"products\"", "result=\"hit\"");
        HttpResponse<String> first = shop.get(path);
        HttpResponse<String> second = shop.get(path);
        assertEquals("MISS", first.headers().firstValue("X-Cache").orElseThrow());
        assertEquals("HIT", second.headers().firstValue("X-Cache").orElseThrow());
        assertEquals(first.body(), second.body());
        assertEquals("public, max-age=300", second.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(hitsBefore + 1, shop.metric("shop_cache_requests_total", "cache=\"products\"", "result=\"hit\""));
        HttpResponse<String> reordered = shop.get("/api/products?sort=price_desc&page=2&category=books");
        assertEquals("HIT", reordered.headers().firstValue("X-Cache").orElseThrow(), "same query, other spelling: same entry");
    }

    @Test
    void matchingEtagGetsA304WithoutBody(RunningShop shop) {
        HttpResponse<String> first = shop.get("/api/products/prod-0003");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> conditional = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/products/prod-0003"))
                .header("If-None-Match", etag).GET());
        assertEquals(304, conditional.statusCode());
        assertEquals("", conditional.body());
        HttpResponse<String> stale = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/products/prod-0003"))
                .header("If-None-Match", "\"something-else\"").GET());
        assertEquals(200, stale.statusCode());
        assertEquals(first.body(), stale.body());
    }

    @Test
    void aChangeMadeOnOneInstanceIsSeenByAnotherAtOnce(LocalStack stack, RunningShop first) {
        try (RunningShop second = RunningShop.start(stack.ports(), Map.of())) {
            String admin = first.loginAdmin();
            String path = "/api/products/prod-0777";
            long price = json(second.get(path)).get("price").asLong();
            second.get(path);
            assertEquals("HIT", second.get(path).headers().firstValue("X-Cache").orElseThrow(), "warm on the second instance");
            double nearHits = second.metric("shop_cache_requests_total", "cache=\"product\"", "tier=\"near\"");
            second.get(path);
            assertEquals(nearHits + 1, second.metric("shop_cache_requests_total", "cache=\"product\"", "tier=\"near\""),
                    "answered from the in-process copy");

            assertEquals(200, first.call("PUT", path, "{\"price\":" + (price + 100) + "}", admin).statusCode());

            await().atMost(Duration.ofSeconds(5)).until(() -> json(second.get(path)).get("price").asLong() == price + 100);
            assertEquals(200, first.call("PUT", path, "{\"price\":" + price + "}", admin).statusCode());
            await().atMost(Duration.ofSeconds(5)).until(() -> json(second.get(path)).get("price").asLong() == price);
        }
    }

    @Test
    void readsStayCorrectWithRedisStopped() {
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = RunningShop.start(stack.ports(), Map.of())) {
            String warm = shop.get("/api/products?category=Apparel").body();
            String product = shop.get("/api/products/prod-0500").body();

            stack.stopChild("redis-server");

            await().atMost(Duration.ofSeconds(10)).until(() -> shop.get("/api/products/prod-0500").statusCode() == 200
                    && "MISS".equals(shop.get("/api/products/prod-0500").headers().firstValue("X-Cache").orElse("")));
            HttpResponse<String> list = shop.get("/api/products?category=Apparel");
            assertEquals(200, list.statusCode());
            assertEquals(warm, list.body(), "same answer, read from DynamoDB");
            assertEquals(product, shop.get("/api/products/prod-0500").body());
            assertEquals(6, json(shop.get("/api/categories")).size());
            assertTrue(shop.metric("shop_cache_requests_total", "result=\"error\"") > 0, "degraded reads are counted");
            assertEquals(200, shop.get("/observe/health/ready").statusCode(), "still ready: the shop serves without Redis");
        }
    }
}
