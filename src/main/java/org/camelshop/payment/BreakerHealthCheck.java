package org.camelshop.payment;

import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A payment breaker's state in the readiness report ({@code <provider>-breaker}: state, failure rate, message). It stays
 * UP while the breaker is open: a payment provider's outage is answered by the 503s of the payment API, and taking every
 * instance out of rotation for it would also take the catalog, carts and orders down.
 */
final class BreakerHealthCheck extends AbstractHealthCheck {

    private final CircuitBreaker breaker;

    BreakerHealthCheck(String provider, CircuitBreaker breaker) {
        super("shop", provider + "-breaker");
        this.breaker = breaker;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CircuitBreaker.State state = breaker.getState();
        builder.detail("breaker.state", state.name());
        builder.detail("breaker.failure_rate", breaker.getMetrics().getFailureRate());
        // the message is what /observe/health shows
        builder.message(breaker.getName() + " circuit breaker " + state
                + (state == CircuitBreaker.State.CLOSED ? "" : ": payment calls answer 503 until it closes"));
        builder.up();
    }
}
