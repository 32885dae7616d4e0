package org.camelshop.platform;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one external dependency (SQS, DynamoDB, SES, Redis): UP when a cheap call succeeds, DOWN with the
 * reason otherwise. Liveness is not affected: a dependency outage should take an instance out of rotation, not restart it.
 */
public final class DependencyHealthCheck extends AbstractHealthCheck {

    /** A cheap call that throws when the dependency cannot serve. */
    @FunctionalInterface
    public interface Probe {
        void check() throws Exception;
    }

    private final Probe probe;

    public DependencyHealthCheck(String dependency, Probe probe) {
        super("shop", dependency);
        this.probe = probe;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            probe.check();
            builder.up();
        } catch (Exception e) {
            builder.message(getId() + " unreachable: " + e.getMessage()).error(e).down();
        }
    }
}
