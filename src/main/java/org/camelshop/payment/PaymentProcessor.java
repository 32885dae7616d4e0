package org.camelshop.payment;

import java.util.List;

import org.camelshop.order.Order;
import org.camelshop.mail.MailRequest;
import org.camelshop.order.OrderStatus;
import org.camelshop.platform.Json;
import org.camelshop.platform.ShopMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of payment-processing-queue (seed "payment_processor"). {@link #load} reads the message and the order; the
 * route asks the provider (inside its breaker), {@link #settle} decides and returns what is left to do. While the order awaits payment: a succeeded
 * payment of exactly the order's total in its currency confirms it (one conditional write, so the browser confirm, the
 * webhook and any redelivery together change it once), counts the sales and queues the order_confirmed mail; a decline
 * marks payment failed; a mismatch never confirms and is recorded. Once the order is paid, every other payment started for
 * it is cancelled at its provider, and money that still arrives is refunded in full: an order is paid once, whatever the
 * provider. Money for an order cancelled unpaid goes back the same way.
 */
public final class PaymentProcessor implements PaymentSettlement {

    /** A payment message and its order. */
    public record Payment(Order order, String provider, String reference) {
    }

    /**
     * What a payment leaves to do: the mail request to queue (or null), the order's Stripe PaymentIntents to cancel (it is
     * paid, so they must never take money) and the refund of money the order cannot keep (or null).
     */
    public record Settlement(String mail, List<String> cancelIntents, Refunds.Plan refund) {
        static final Settlement NOTHING = new Settlement(null, List.of(), null);
    }

    private static final String DUPLICATE_REFUND = "refund-duplicate-";
    private static final Logger LOG = LoggerFactory.getLogger(PaymentProcessor.class);

    private final OrderPayments payments;
    private final ShopMetrics metrics;

    public PaymentProcessor(OrderPayments payments, ShopMetrics metrics) {
        this.payments = payments;
        this.metrics = metrics;
    }

    /** The message ({@link PaymentMessage} JSON) and its order; null while the order is still reserving stock. */
    @Override
    public Payment load(String body) {
        PaymentMessage message = Json.read(body, PaymentMessage.class);
        if (message.orderId() == null || message.reference() == null || !PaymentBreakers.PROVIDERS.contains(message.provider())) {
            throw new IllegalArgumentException("payment message needs order_id, reference and provider stripe|paypal");
        }
        Order order = payments.find(message.orderId())
                .orElseThrow(() -> new IllegalStateException("order " + message.orderId() + " of a payment message is not in the Orders table"));
        // no payment can start before the stock is reserved; any later state is checked with the provider
        if (OrderStatus.PENDING.equals(order.orderStatus())) {
            LOG.warn("Order {} is still reserving stock: payment message {} ignored", order.orderNumber(), message.reference());
            return null;
        }
        return new Payment(order, message.provider(), message.reference());
    }

    /** Decides from the provider's check of the payment what is owed: a mail, PaymentIntents to cancel, a refund. */
    @Override
    public Settlement settle(Order order, PaymentCheck check) {
        if (!order.orderId().equals(check.orderId())) {
            return mismatch(order, check, "payment " + check.reference() + " belongs to order " + check.orderId());
        }
        if (!OrderStatus.AWAITING_PAYMENT.equals(order.orderStatus())) {
            return afterPayment(order, check);
        }
        switch (check.outcome()) {
            case DECLINED -> {
                if (payments.markDeclined(order, check.failure())) {
                    LOG.info("Order {}: payment {} declined: {}", order.orderNumber(), check.reference(), check.failure());
                }
                return Settlement.NOTHING;
            }
            case SUCCEEDED -> {
                String mismatch = mismatch(order, check);
                if (mismatch != null) {
                    return mismatch(order, check, mismatch);
                }
                if (!payments.confirmPaid(order, check)) {
                    return afterPayment(payments.find(order.orderId()).orElseThrow(), check);
                }
                LOG.info("Order {} paid by {} ({}), confirmed", order.orderNumber(), check.provider(), check.paymentId());
                metrics.counter("shop_payments_confirmed_total", "Orders confirmed by a payment", "provider", check.provider()).increment();
                payments.countSales(order);
                return new Settlement(MailRequest.aboutOrder("order_confirmed", order.userEmail(), order.orderId()),
                        otherIntents(payments.find(order.orderId()).orElseThrow(), check), null);
            }
            default -> {
                LOG.info("Order {}: payment {} not final yet ({})", order.orderNumber(), check.reference(), check.outcome());
                return Settlement.NOTHING;
            }
        }
    }

    /**
     * The order no longer awaits payment. Its own payment again: make sure no other attempt can still take money. Other
     * money: back in full (the refund to make). Another attempt not finished yet: cancelled.
     */
    private Settlement afterPayment(Order order, PaymentCheck check) {
        if (check.succeeded()) {
            if (check.paymentId().equals(order.paymentId())) {
                return new Settlement(null, otherIntents(order, check), null);
            }
            boolean neverPaid = Order.PAYMENT_PENDING.equals(order.paymentStatus()) || OrderPayments.FAILED.equals(order.paymentStatus());
            if (OrderStatus.CANCELLED.equals(order.orderStatus()) && neverPaid) {
                // the reservation ran out (or the buyer cancelled) before the money arrived
                LOG.warn("Order {} was paid ({} {}) after it was cancelled: refunding it", order.orderNumber(), check.provider(), check.paymentId());
                return refund(order, check, "paid after cancellation", "refund-late-");
            }
            LOG.warn("Order {} was paid twice (again by {} {}): refunding the second payment", order.orderNumber(), check.provider(),
                    check.paymentId());
            return refund(order, check, "paid twice; the second payment is returned", DUPLICATE_REFUND);
        }
        if ("stripe".equals(check.provider()) && check.outcome() != PaymentCheck.Outcome.DECLINED) {
            LOG.info("Order {} is {}: cancelling its open PaymentIntent {}", order.orderNumber(), order.orderStatus(), check.reference());
            return new Settlement(null, List.of(check.reference()), null);
        }
        return Settlement.NOTHING;
    }

    private static Settlement refund(Order order, PaymentCheck check, String reason, String keyPrefix) {
        return new Settlement(null, List.of(), new Refunds.Plan(order.orderId(), check.provider(), check.paymentId(), check.amount(),
                check.currency(), reason, keyPrefix + check.paymentId()));
    }

    /** The order's Stripe PaymentIntents other than the one that paid it (a PayPal order that is never captured takes nothing). */
    static List<String> otherIntents(Order order, PaymentCheck paid) {
        return order.paymentAttempts() == null ? List.of() : order.paymentAttempts().stream()
                .filter(attempt -> attempt.startsWith("stripe:")).map(attempt -> attempt.substring("stripe:".length()))
                .filter(intent -> !("stripe".equals(paid.provider()) && intent.equals(paid.reference()))).toList();
    }

    /**
     * After cancelling one of the order's other PaymentIntents: if it had succeeded first, the payment message that gets its
     * money back (the processor refunds it as a duplicate), else null.
     */
    @Override
    public String intentCancelled(Order order, PaymentCheck check) {
        if (!check.succeeded()) {
            return null;
        }
        LOG.warn("Order {}: PaymentIntent {} succeeded before it could be cancelled; it goes back through the processor", order.orderNumber(),
                check.reference());
        return Json.write(new PaymentMessage(order.orderId(), "stripe", check.reference()));
    }

    /**
     * After the provider refunded money the order could not keep: noted on the order. A duplicate payment also gets the buyer
     * a short mail (returned as its request); money for a cancelled order is told by the cancellation mail.
     */
    @Override
    public String refundedExtra(Refunds.Plan plan, StripeGateway.RefundResult refund) {
        Order order = payments.find(plan.orderId()).orElseThrow();
        if (!plan.key().startsWith(DUPLICATE_REFUND)) {
            payments.recordLateRefund(order, plan, refund);
            metrics.counter("shop_payments_refunded_after_cancel_total", "Payments that came for cancelled orders and were refunded",
                    "provider", plan.provider()).increment();
            return null;
        }
        if (!payments.recordDuplicateRefund(order, plan, refund)) {
            return null; // recorded by another delivery of this payment, whose mail is on its way
        }
        metrics.counter("shop_payment_duplicates_refunded_total", "Second payments for an order already paid, refunded in full",
                "provider", plan.provider()).increment();
        return Json.write(new MailRequest("payment_duplicate_refunded", order.userEmail(), order.orderId(),
                order.orderId() + ":payment_duplicate_refunded:" + plan.paymentId(), null));
    }

    private Settlement mismatch(Order order, PaymentCheck check, String problem) {
        LOG.error("Order {} NOT confirmed: {}", order.orderNumber(), problem);
        payments.recordProblem(order, problem);
        metrics.counter("shop_payment_mismatches_total", "Payments that did not match their order", "provider", check.provider()).increment();
        return Settlement.NOTHING;
    }

    /** Why a succeeded payment may not confirm this order, or null: another order, amount or currency. */
    static String mismatch(Order order, PaymentCheck check) {
        if (!order.orderId().equals(check.orderId())) {
            return "payment " + check.reference() + " belongs to order " + check.orderId();
        }
        if (check.amount() != order.total() || check.currency() == null || !check.currency().equalsIgnoreCase(order.currency())) {
            return "amount_mismatch: paid " + check.amount() + " " + check.currency() + ", order total " + order.total() + " " + order.currency();
        }
        return null;
    }
}
