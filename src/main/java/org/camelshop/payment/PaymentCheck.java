package org.camelshop.payment;

/**
 * What a provider says about one payment, in the shop's terms: which order it names (Stripe metadata / PayPal custom_id),
 * how it stands, how much in which currency (integer cents, lower-case ISO code), and the id refunds need (the
 * PaymentIntent for Stripe, the capture for PayPal).
 */
public record PaymentCheck(String provider, String reference, String orderId, Outcome outcome, long amount, String currency,
                           String paymentId, String failure, String nextActionUrl) {

    public enum Outcome {
        /** Money received. */
        SUCCEEDED,
        /** The card or account was refused; the order may be paid again. */
        DECLINED,
        /** The buyer must still act (3-D Secure, PayPal approval). */
        ACTION_REQUIRED,
        /** Nothing final yet. */
        PENDING
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
