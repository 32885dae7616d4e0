package org.camelshop.bench;

import java.util.HashMap;
import java.util.Map;

import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;

/**
 * The shop a benchmark times, on the benchmark's own stack: no sample catalog (its ~1,000 product files would be
 * uploading to S3 while the run is timed), rate limits out of the way (benchmarks measure speed; the limits have their
 * own tests, and bench/reads.sh measures reads with them on), and every SDK call counted.
 */
final class BenchShop {

    private static final Map<String, String> SETTINGS = Map.of(
            "shop.sample-catalog.load", "false",
            "shop.aws.count-calls", "true",
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
        return RunningShop.start(stack.ports(), merged);
    }
}
