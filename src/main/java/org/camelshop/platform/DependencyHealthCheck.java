package org.camelshop.platform;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one external dependency (SQS, DynamoDB, SES, Redis), from a cheap call. Only a critical dependency
 * (DynamoDB: no catalog, cart or order without it) makes the instance DOWN. The others show as UP with
 * a message starting {@code degraded:} and the reason: the shop still sells while they are down, and taking every instance out of the
 * load balancer for them would stop that. {@code shop_dependency_up{dependency}} has the last result for dashboards.
 * Liveness is not affected: a dependency outage is no reason to restart.
 */
public final class DependencyHealthCheck extends AbstractHealthCheck {

    /** A cheap call that throws when the dependency cannot serve. */
    @FunctionalInterface
    public interface Probe {
        void check() throws Exception;
    }

    private final Probe probe;
    private final boolean critical;
    private final ShopMetrics metrics;
    private volatile int up = 1;
    private volatile boolean registered;

    public DependencyHealthCheck(String dependency, boolean critical, Probe probe, ShopMetrics metrics) {
        super("shop", dependency);
        this.probe = probe;
        this.critical = critical;
        this.metrics = metrics;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (!registered) {
            metrics.gauge("shop_dependency_up", "1 while a dependency answered its last readiness probe, 0 while not", () -> up, "dependency", getId());
            registered = true;
        }
        builder.detail("critical", critical);
        try {
            probe.check();
            up = 1;
            builder.detail("degraded", false).up();
        } catch (Exception e) {
            up = 0;
            // the health report shows a check's message (and error), not its details: the verdict goes in the message
            builder.message((critical ? "" : "degraded: ") + getId() + " unreachable: " + e.getMessage()).error(e).detail("degraded", true);
            if (critical) {
                builder.down();
            } else {
                builder.up();
            }
        }
    }
}
