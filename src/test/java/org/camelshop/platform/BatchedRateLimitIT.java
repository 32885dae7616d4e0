package org.camelshop.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.StackPorts;
import org.camelshop.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Batched limits on a real Redis, several rate limiters (one per shop instance) sharing one counter, each synced by
 * the test (as its background sync would, every sync interval): never stricter than the exact count, one instance
 * alone exact, and with N instances at most what the other N - 1 counted in two sync intervals over the limit.
 */
@ExtendWith(LocalStackExtension.class)
class BatchedRateLimitIT {

    private static final int LIMIT = 100;
    private static final RateLimiter.Policy PUBLIC = new RateLimiter.Policy("public", LIMIT, 60, RateLimiter.Scope.GLOBAL,
            List.of("* /api/"), RateLimiter.Sync.BATCHED);

    private final CamelContext camel = new DefaultCamelContext();
    private final ShopMetrics metrics = new ShopMetrics(camel);
    // the limiters here are not started: the test syncs them itself
    private final ScheduledExecutorService notStarted = Executors.newSingleThreadScheduledExecutor();
    private final String namespace = "batched-" + UUID.randomUUID();
    private RedisConnection redis;

    @BeforeEach
    void connect(LocalStack stack) {
        redis = new RedisConnection("redis://127.0.0.1:" + stack.ports().redis(), Duration.ofSeconds(2));
    }

    @AfterEach
    void close() throws Exception {
        notStarted.shutdownNow();
        redis.close();
    }

    private RateLimiter instance(RedisConnection connection, Clock clock) {
        return instance(connection, clock, notStarted);
    }

    private RateLimiter instance(RedisConnection connection, Clock clock, ScheduledExecutorService syncer) {
        return new RateLimiter(connection, new RateLimiter.Settings(namespace, List.of(PUBLIC), Duration.ofMillis(50),
                ClientAddresses.trusting("")), metrics, clock, syncer);
    }

    /** One request: true when admitted, false when refused with a 429 that says how long to wait. */
    private boolean admits(RateLimiter limiter) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/api/products");
        try {
            limiter.check(exchange);
            return true;
        } catch (ApiException refused) {
            assertEquals(429, refused.status());
            long retryAfter = Long.parseLong(refused.headers().get("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            return false;
        }
    }

    @Test
    void oneInstanceAloneIsExact() {
        RateLimiter only = instance(redis, Clock.systemUTC());
        for (int i = 1; i <= LIMIT; i++) {
            assertTrue(admits(only), "request " + i);
            if (i % 7 == 0) {
                only.sync();
            }
        }
        assertFalse(admits(only), "request " + (LIMIT + 1));
        only.sync();
        assertFalse(admits(only));
        long millisLeft = redis.sync().pttl("ratelimit:" + namespace + ":public:all");
        assertTrue(millisLeft > 0 && millisLeft <= 60_000, "the shared window ends with the key's expiry: " + millisLeft);
    }

    @Test
    void twoInstancesGoAtMostTwoSyncIntervalsOfTheOthersRequestsOverTheLimit() {
        RateLimiter first = instance(redis, Clock.systemUTC());
        RateLimiter second = instance(redis, Clock.systemUTC());
        int perInterval = 9; // requests each instance receives between two of its syncs
        int admitted = 0;
        int received = 0;
        boolean[] refusedOnce = {false, false};
        for (int interval = 0; interval < 20; interval++) {
            RateLimiter[] instances = {first, second};
            for (int which = 0; which < 2; which++) {
                for (int i = 0; i < perInterval; i++) {
                    received++;
                    if (admits(instances[which])) {
                        admitted++;
                    } else {
                        refusedOnce[which] = true;
                    }
                    if (received <= LIMIT) {
                        assertEquals(received, admitted, "never stricter than the exact count: request " + received + " is admitted");
                    }
                }
            }
            // the syncs take turns, as independent timers would
            (interval % 2 == 0 ? first : second).sync();
            (interval % 2 == 0 ? second : first).sync();
        }
        assertTrue(admitted > LIMIT, "the other instance's unsynced requests do get through: " + admitted);
        assertTrue(admitted <= LIMIT + 2 * perInterval, "at most (N - 1) x two sync intervals of requests over: " + admitted);
        assertTrue(refusedOnce[0] && refusedOnce[1], "both instances refuse");
        assertEquals(String.valueOf(received), redis.sync().get("ratelimit:" + namespace + ":public:all"),
                "every request, refused or not, is in the shared count");
    }

    @Test
    void withRedisDownEachInstanceCountsAloneAndItsWindowEnds() throws Exception {
        ManualClock clock = new ManualClock();
        try (RedisConnection down = new RedisConnection("redis://127.0.0.1:" + StackPorts.freePort(), Duration.ofMillis(500))) {
            RateLimiter alone = instance(down, clock);
            assertTrue(admits(alone), "the first request is counted before any sync");
            alone.sync(); // fails: Redis is unreachable
            for (int i = 2; i <= LIMIT; i++) {
                assertTrue(admits(alone), "request " + i);
            }
            assertFalse(admits(alone), "the limit holds per instance");
            assertEquals(LIMIT, metrics.registry().find("shop_rate_limit_local").counter().count(),
                    "requests 2 to " + (LIMIT + 1) + " were counted alone, after the failed sync");

            clock.advance(60_000);

            assertTrue(admits(alone), "a new window starts when the old one ends");
        }
    }

    @Test
    void theBackgroundSyncStopsWithTheCamelContext() throws Exception {
        CamelContext shop = new DefaultCamelContext();
        RateLimiter synced = instance(redis, Clock.systemUTC(),
                shop.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "rate-limit-sync"));
        shop.addService(synced, true, true);
        shop.start();
        for (int i = 0; i < 5; i++) {
            assertTrue(admits(synced));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> "5".equals(redis.sync().get("ratelimit:" + namespace + ":public:all")));
        // this context's thread only: the run's shared shop, in the same JVM, has a sync thread of its own
        java.util.function.Predicate<Thread> ours = thread -> thread.getName().contains("(" + shop.getName() + ")")
                && thread.getName().contains("rate-limit-sync");
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(ours), "the sync runs on this context's thread");
        shop.stop();

        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(ours));
    }
}
