package org.camelshop.payment.sandbox;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.apache.camel.Exchange;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.Json;

/**
 * {@code PUT /sandbox/control {"provider": "stripe"|"paypal", "failing": true|false}}: makes a sandboxed provider answer every
 * API call with a 500, to watch the circuit breakers work. Exists only where the sandbox does (never in the aws profile) and
 * touches nothing but the sandbox.
 */
public final class SandboxControl {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Switch(String provider, Boolean failing) {
    }

    private final boolean active;
    private final SandboxStore store;

    public SandboxControl(boolean active, SandboxStore store) {
        this.active = active;
        this.store = store;
    }

    public Map<String, Object> change(Exchange exchange) {
        if (!active) {
            throw ApiException.notFound("The payments sandbox");
        }
        Switch change = Json.body(exchange, Switch.class);
        if (!"stripe".equals(change.provider()) && !"paypal".equals(change.provider())) {
            throw ApiException.invalidField("provider", "must be stripe or paypal");
        }
        if (change.failing() == null) {
            throw ApiException.invalidField("failing", "is required");
        }
        store.setFailing(change.provider(), change.failing());
        return Map.of("provider", change.provider(), "failing", change.failing());
    }
}
