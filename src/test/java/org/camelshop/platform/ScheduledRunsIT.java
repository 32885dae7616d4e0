package org.camelshop.platform;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.platform.provision.ResourcePlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two instances on one stack: each schedule's run, and a scan started by hand on both, happen once. */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledRunsIT {

    private RunningShop first;
    private RunningShop second;
    private long started;

    private static double runs(RunningShop shop, String metric) {
        return shop.metric(metric, "job=\"requeue-unqueued-orders\"");
    }

    /** One pair of instances for both tests: a shop start is the slow part of each. */
    @BeforeAll
    void startTwoInstances(LocalStack stack) {
        Map<String, String> everySecond = Map.of("shop.order.requeue-scan-seconds", "1");
        started = System.nanoTime();
        List<RunningShop> shops = RunningShop.start(stack.ports(), everySecond, 2);
        first = shops.get(0);
        second = shops.get(1);
    }

    @AfterAll
    void stop() {
        for (RunningShop shop : new RunningShop[] {second, first}) {
            if (shop != null) {
                shop.close();
            }
        }
    }

    @Test
    void twoInstancesRunEachPeriodOnce() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> runs(first, "shop_scheduled_runs_skipped_total")
                + runs(second, "shop_scheduled_runs_skipped_total") >= 3);
        first.camelContext().getRouteController().stopRoute("requeue-unqueued-orders");
        second.camelContext().getRouteController().stopRoute("requeue-unqueued-orders");
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        double ran = runs(first, "shop_scheduled_runs_total") + runs(second, "shop_scheduled_runs_total");

        assertTrue(ran >= 1 && ran <= seconds + 1, "two timers firing every second ran " + ran + " times in " + seconds + " s: once a second");
    }

    @Test
    void aScanStartedByHandOnEveryInstanceRunsOnce() {
        String admin = first.loginAdmin();
        // a manual run claims its minute: if the two calls straddle a minute, try the next scan
        for (String scan : List.of("send-recommendations", "scan-price-drops", "scan-restock")) {
            long minute = System.currentTimeMillis() / 60_000;
            List<HttpResponse<String>> answers = List.of(
                    first.call("POST", "/api/marketing/" + scan, null, admin),
                    second.call("POST", "/api/marketing/" + scan, null, admin));
            if (System.currentTimeMillis() / 60_000 != minute) {
                continue;
            }
            assertEquals(1, answers.stream().filter(r -> r.statusCode() == 200).count(), answers.stream().map(HttpResponse::body).toList().toString());
            HttpResponse<String> refused = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            assertEquals("already_run", json(refused).get("error").asText());
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60);
            return;
        }
        throw new AssertionError("three minute boundaries in a row");
    }
}
