package org.camelshop.bench;

import java.util.HashMap;
import java.util.Map;

import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;

/**
 * The shop a benchmark times, on the benchmark's own stack: no sample catalog (its ~1,000 product files would be
 * uploading to S3 while the run is timed), rate limits out of the way (benchmarks measure speed; the limits have their
 * own tests, and bench/reads.sh measures reads with them on), every SDK call counted, and the queues long-polled for
 * the production 20 s (test shops poll for 1 s so that none outlives its test; at 30 consumers that is 30 extra
 * receives a second, which the benchmark would count and ElasticMQ would spend CPU on). A {@code -Dshop.*} system
 * property (JAVA_OPTS) overrides a setting for one run, e.g. {@code -Dshop.queue.orders-consumers=2}.
 */
final class BenchShop {

    private static final Map<String, String> SETTINGS = Map.of(
            "shop.sample-catalog.load", "false",
            "shop.aws.count-calls", "true",
            "shop.queue.wait-seconds", "20",
            "shop.rate-limit.public.limit", "100000000",
            "shop.rate-limit.cart.limit", "100000000",
            "shop.rate-limit.admin.limit", "100000000",
            "shop.rate-limit.payment.limit", "100000000");

    private BenchShop() {
    }

    /** Starts it; {@code settings} add to or override the benchmark defaults. */
    static RunningShop start(LocalStack stack, Map<String, String> settings) {
        Map<String, String> merged = new HashMap<>(SETTINGS);
        merged.putAll(settings);
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("shop."))
                .forEach(name -> merged.put(name, System.getProperty(name)));
        return RunningShop.start(stack.ports(), merged);
    }
}
