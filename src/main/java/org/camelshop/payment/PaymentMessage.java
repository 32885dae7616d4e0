package org.camelshop.payment;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What payment-processing-queue carries: which order a provider says was paid, and the provider's reference to verify it by
 * (the Stripe PaymentIntent id or the PayPal order id). The browser confirm, the PayPal capture and both webhooks send it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PaymentMessage(String orderId, String provider, String reference) {
}
