package org.camelshop.payment;

/**
 * A provider whose open payments can be cancelled before they take money (Stripe's PaymentIntents): once an order is
 * paid, process-payment cancels its other intents.
 */
public interface CancellableProvider extends PaymentProvider {

    /** Cancels the open payment and says where it stands then (succeeded if the buyer paid it first). */
    PaymentCheck cancel(String reference);
}
