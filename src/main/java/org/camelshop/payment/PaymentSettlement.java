package org.camelshop.payment;

import org.camelshop.order.Order;

/**
 * What the process-payment route (payment-processor.yaml, bean {@code paymentProcessor}) asks of the order's side of a
 * payment, around the calls to its provider. {@link PaymentProcessor} answers from the Orders table; route tests stand
 * in for it through this interface.
 */
public interface PaymentSettlement {

    /** The payment message and its order; null while the order is still reserving stock. */
    PaymentProcessor.Payment load(String body);

    /** What the provider's check of the payment leaves to do: a mail, PaymentIntents to cancel, a refund. */
    PaymentProcessor.Settlement settle(Order order, PaymentCheck check);

    /** After cancelling another PaymentIntent of the order: the payment message that refunds it if it succeeded first, else null. */
    String intentCancelled(Order order, PaymentCheck check);

    /** After a refund of money the order could not keep: the mail request to queue, or null for none. */
    String refundedExtra(Refunds.Plan plan, StripeGateway.RefundResult refund);
}
