package org.camelshop.payment;

import java.util.List;

import org.apache.camel.Exchange;
import org.camelshop.order.Order;
import org.camelshop.mail.MailRequest;
import org.camelshop.order.OrderStatus;
import org.camelshop.platform.Json;
import org.camelshop.platform.ShopMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of payment-processing-queue (seed "payment_processor"). {@link #load} reads the message and the order; the
 * route asks the provider (inside its breaker) and {@link #settle} decides. While the order awaits payment: a succeeded
 * payment of exactly the order's total in its currency confirms it (one conditional write, so the browser confirm, the
 * webhook and any redelivery together change it once), counts the sales and queues the order_confirmed mail; a decline
 * marks payment failed; a mismatch never confirms and is recorded. Once the order is paid, every other payment started for
 * it is cancelled at its provider, and money that still arrives is refunded in full: an order is paid once, whatever the
 * provider. Money for an order cancelled unpaid goes back the same way.
 */
public final class PaymentProcessor {

    public static final String SKIP_PROPERTY = "shopPaymentSkip";
    public static final String PROVIDER_PROPERTY = "shopPaymentProvider";
    /** Stripe PaymentIntents to cancel: the order is paid, so they must never take money. */
    public static final String CANCEL_PROPERTY = "shopCancelIntents";
    private static final String DUPLICATE_REFUND = "refund-duplicate-";
    private static final Logger LOG = LoggerFactory.getLogger(PaymentProcessor.class);

    private final OrderPayments payments;
    private final ShopMetrics metrics;

    public PaymentProcessor(OrderPayments payments, ShopMetrics metrics) {
        this.payments = payments;
        this.metrics = metrics;
    }

    public void load(Exchange exchange) {
        PaymentMessage message = Json.read(exchange.getMessage().getBody(String.class), PaymentMessage.class);
        if (message.orderId() == null || message.reference() == null || !PaymentBreakers.PROVIDERS.contains(message.provider())) {
            throw new IllegalArgumentException("payment message needs order_id, reference and provider stripe|paypal");
        }
        Order order = payments.find(message.orderId())
                .orElseThrow(() -> new IllegalStateException("order " + message.orderId() + " of a payment message is not in the Orders table"));
        exchange.setProperty(Payments.ORDER_PROPERTY, order);
        exchange.setProperty(Payments.REFERENCE_PROPERTY, message.reference());
        exchange.setProperty(PROVIDER_PROPERTY, message.provider());
        exchange.setProperty(CANCEL_PROPERTY, List.of());
        // no payment can start before the stock is reserved; any later state is checked with the provider
        boolean reserving = OrderStatus.PENDING.equals(order.orderStatus());
        exchange.setProperty(SKIP_PROPERTY, reserving);
        if (reserving) {
            LOG.warn("Order {} is still reserving stock: payment message {} ignored", order.orderNumber(), message.reference());
        }
    }

    /** Returns the order_confirmed mail request when this message confirmed the order, else null. */
    public String settle(Exchange exchange, PaymentCheck check) {
        Order order = exchange.getProperty(Payments.ORDER_PROPERTY, Order.class);
        if (!order.orderId().equals(check.orderId())) {
            return mismatch(order, check, "payment " + check.reference() + " belongs to order " + check.orderId());
        }
        if (!OrderStatus.AWAITING_PAYMENT.equals(order.orderStatus())) {
            afterPayment(exchange, order, check);
            return null;
        }
        switch (check.outcome()) {
            case DECLINED -> {
                if (payments.markDeclined(order, check.failure())) {
                    LOG.info("Order {}: payment {} declined: {}", order.orderNumber(), check.reference(), check.failure());
                }
                return null;
            }
            case SUCCEEDED -> {
                String mismatch = mismatch(order, check);
                if (mismatch != null) {
                    return mismatch(order, check, mismatch);
                }
                if (!payments.confirmPaid(order, check)) {
                    afterPayment(exchange, payments.find(order.orderId()).orElseThrow(), check);
                    return null;
                }
                LOG.info("Order {} paid by {} ({}), confirmed", order.orderNumber(), check.provider(), check.paymentId());
                metrics.counter("shop_payments_confirmed_total", "Orders confirmed by a payment", "provider", check.provider()).increment();
                payments.countSales(order);
                exchange.setProperty(CANCEL_PROPERTY, otherIntents(payments.find(order.orderId()).orElseThrow(), check));
                return MailRequest.aboutOrder("order_confirmed", order.userEmail(), order.orderId());
            }
            default -> {
                LOG.info("Order {}: payment {} not final yet ({})", order.orderNumber(), check.reference(), check.outcome());
                return null;
            }
        }
    }

    /**
     * The order no longer awaits payment. Its own payment again: make sure no other attempt can still take money. Other
     * money: back in full (planned for the route's refund step). Another attempt not finished yet: cancelled.
     */
    private void afterPayment(Exchange exchange, Order order, PaymentCheck check) {
        if (check.succeeded()) {
            if (check.paymentId().equals(order.paymentId())) {
                exchange.setProperty(CANCEL_PROPERTY, otherIntents(order, check));
                return;
            }
            boolean neverPaid = Order.PAYMENT_PENDING.equals(order.paymentStatus()) || OrderPayments.FAILED.equals(order.paymentStatus());
            if (OrderStatus.CANCELLED.equals(order.orderStatus()) && neverPaid) {
                // the reservation ran out (or the buyer cancelled) before the money arrived
                LOG.warn("Order {} was paid ({} {}) after it was cancelled: refunding it", order.orderNumber(), check.provider(), check.paymentId());
                plan(exchange, order, check, "paid after cancellation", "refund-late-");
            } else {
                LOG.warn("Order {} was paid twice (again by {} {}): refunding the second payment", order.orderNumber(), check.provider(),
                        check.paymentId());
                plan(exchange, order, check, "paid twice; the second payment is returned", DUPLICATE_REFUND);
            }
        } else if ("stripe".equals(check.provider()) && check.outcome() != PaymentCheck.Outcome.DECLINED) {
            LOG.info("Order {} is {}: cancelling its open PaymentIntent {}", order.orderNumber(), order.orderStatus(), check.reference());
            exchange.setProperty(CANCEL_PROPERTY, List.of(check.reference()));
        }
    }

    private static void plan(Exchange exchange, Order order, PaymentCheck check, String reason, String keyPrefix) {
        exchange.setProperty(Refunds.PLAN_PROPERTY, new Refunds.Plan(order.orderId(), check.provider(), check.paymentId(), check.amount(),
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
    public String intentCancelled(Exchange exchange, PaymentCheck check) {
        if (!check.succeeded()) {
            return null;
        }
        Order order = exchange.getProperty(Payments.ORDER_PROPERTY, Order.class);
        LOG.warn("Order {}: PaymentIntent {} succeeded before it could be cancelled; it goes back through the processor", order.orderNumber(),
                check.reference());
        return Json.write(new PaymentMessage(order.orderId(), "stripe", check.reference()));
    }

    /**
     * After the provider refunded money the order could not keep: noted on the order. A duplicate payment also gets the buyer
     * a short mail (returned as its request); money for a cancelled order is told by the cancellation mail.
     */
    public String refundedExtra(Exchange exchange, StripeGateway.RefundResult refund) {
        Refunds.Plan plan = exchange.getProperty(Refunds.PLAN_PROPERTY, Refunds.Plan.class);
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

    private String mismatch(Order order, PaymentCheck check, String problem) {
        LOG.error("Order {} NOT confirmed: {}", order.orderNumber(), problem);
        payments.recordProblem(order, problem);
        metrics.counter("shop_payment_mismatches_total", "Payments that did not match their order", "provider", check.provider()).increment();
        return null;
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
