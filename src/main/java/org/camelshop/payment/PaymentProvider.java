package org.camelshop.payment;

/**
 * The calls the payment routes make to a provider, whichever it is (beans {@code stripeGateway}, {@code paypalGateway}),
 * each inside the provider's breaker. {@link StripeGateway} and {@link PayPalGateway} make them; route tests stand in
 * for them through this interface.
 */
public interface PaymentProvider {

    /** Where the payment with this provider reference stands. */
    PaymentCheck check(String reference);

    /** Refunds what the plan says, once: the plan's key is the provider's idempotency key. */
    StripeGateway.RefundResult refund(Refunds.Plan plan);
}
