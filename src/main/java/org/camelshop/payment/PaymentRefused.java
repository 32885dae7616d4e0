package org.camelshop.payment;

import java.util.List;

import org.camelshop.platform.ApiException;

/**
 * The provider answered and said no (declined card, order not approved, refund too large). An answer, not an outage: the
 * circuit breakers don't count it, and the caller sees it as a 4xx.
 */
public final class PaymentRefused extends ApiException {

    public PaymentRefused(int status, String code, String message) {
        super(status, code, message, List.of());
    }
}
