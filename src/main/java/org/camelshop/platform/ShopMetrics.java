package org.camelshop.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;

/**
 * The shop's own meters (cache hits, rate-limit breaches, ...), registered in the Prometheus registry that
 * camel-micrometer-prometheus publishes at /observe/metrics. The registry is looked up on first use, because Camel
 * creates it while starting, after the beans are wired.
 */
public final class ShopMetrics {

    private static final String CAMEL_REGISTRY_NAME = "metricsRegistry";

    private final CamelContext context;
    private volatile MeterRegistry registry;
    // one counter per cache, result and tier, found again without building its id on every lookup (a hot path)
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> cacheCounters = new java.util.concurrent.ConcurrentHashMap<>();

    public ShopMetrics(CamelContext context) {
        this.context = context;
    }

    public MeterRegistry registry() {
        MeterRegistry current = registry;
        if (current == null) {
            MeterRegistry camel = context.getRegistry().lookupByNameAndType(CAMEL_REGISTRY_NAME, MeterRegistry.class);
            // metrics switched off: count into a private registry rather than fail
            current = camel != null ? camel : new SimpleMeterRegistry();
            registry = current;
        }
        return current;
    }

    /** A gauge reading {@code value}; registering the same name and tags again returns the meter of the first. */
    public void gauge(String name, String description, java.util.function.Supplier<Number> value, String... tags) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).tags(tags).register(registry());
    }

    /** One cache lookup ({@code shop_cache_requests}): which cache, hit/miss/error, and the tier that answered. */
    public void cacheLookup(String cache, String result, String tier) {
        cacheCounters.computeIfAbsent(cache + '|' + result + '|' + tier, ignored -> counter("shop_cache_requests",
                "Cache lookups (catalog responses, carts, order lists) by result and by the tier that answered (near = in-process)",
                "cache", cache, "result", result, "tier", tier)).increment();
    }

    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry());
    }
}
