package org.camelshop.ops;

import java.util.List;
import java.util.Map;

import org.camelshop.platform.ApiException;

/**
 * The "new payment flow off" rollback switch ({@code shop.payments.enabled=false}, seed "If Payment Issues: disables
 * new payment flow"). While off, checkout refuses before anything is stored or charged: placing an order and every
 * payment endpoint (intents, captures, webhooks, the sandbox config) answer 503 {@code payments_disabled} with
 * {@code Retry-After}; providers retry refused webhooks later. Browsing, carts, existing orders and admin refunds
 * go on. Checked for every API request in platform.yaml, next to the rate limiter.
 */
public final class PaymentSwitch {

    private static final List<String> CHECKOUT = List.of("/api/orders/create", "/api/payment/");
    private final boolean enabled;
    private final int retryAfterSeconds;

    public PaymentSwitch(boolean enabled, int retryAfterSeconds) {
        this.enabled = enabled;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Runs before every API request with its path ({@code CamelHttpPath}). */
    public void check(String path) {
        if (enabled || path == null) {
            return;
        }
        if (CHECKOUT.stream().anyMatch(path::startsWith)) {
            throw new ApiException(503, "payments_disabled", "Checkout is switched off for a while; nothing was ordered or charged. "
                    + "Your cart is kept, please try again later.", List.of(), Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
        }
    }
}
