package org.camelshop.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The shop's own meters (cache hits, rate-limit breaches, ...) in the same Prometheus registry Camel publishes at
 * /observe/metrics: it is bound as {@code metricsRegistry}, the name camel-micrometer-prometheus looks up first.
 */
public final class ShopMetrics {

    public static final String REGISTRY_NAME = "metricsRegistry";

    private final MeterRegistry registry;

    public ShopMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public ShopMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
