package org.camelshop.payment;

import org.apache.camel.Exchange;
import org.camelshop.order.Order;
import org.camelshop.order.OrderProcessor.MailRequest;
import org.camelshop.order.OrderStatus;
import org.camelshop.platform.Json;
import org.camelshop.platform.ShopMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of payment-processing-queue (seed "payment_processor"). {@link #load} reads the message and the order and
 * skips orders that are no longer awaiting payment; the route then asks the provider (inside its breaker) and
 * {@link #settle} decides: a succeeded payment of exactly the order's total in the order's currency confirms it (one
 * conditional write, so the browser confirm, the webhook and any redelivery together change it once), counts the sales and
 * queues the order_confirmed mail; a decline marks payment failed; a mismatch never confirms and is recorded on the order.
 */
public final class PaymentProcessor {

    public static final String SKIP_PROPERTY = "shopPaymentSkip";
    public static final String PROVIDER_PROPERTY = "shopPaymentProvider";
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
        // a cancelled order that was never paid is still checked: money that arrives for it must go back
        boolean unpaidCancelled = OrderStatus.CANCELLED.equals(order.orderStatus())
                && (Order.PAYMENT_PENDING.equals(order.paymentStatus()) || OrderPayments.FAILED.equals(order.paymentStatus()));
        boolean done = !OrderStatus.AWAITING_PAYMENT.equals(order.orderStatus()) && !unpaidCancelled;
        exchange.setProperty(SKIP_PROPERTY, done);
        if (done) {
            LOG.info("Order {} is {}: payment message {} ignored", order.orderNumber(), order.orderStatus(), message.reference());
        }
    }

    /** Returns the order_confirmed mail request when this message confirmed the order, else null. */
    public String settle(Exchange exchange, PaymentCheck check) {
        Order order = exchange.getProperty(Payments.ORDER_PROPERTY, Order.class);
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
                    LOG.error("Order {} NOT confirmed: {}", order.orderNumber(), mismatch);
                    payments.recordProblem(order, mismatch);
                    metrics.counter("shop_payment_mismatches_total", "Payments that did not match their order", "provider", check.provider()).increment();
                    return null;
                }
                if (!payments.confirmPaid(order, check)) {
                    Order now = payments.find(order.orderId()).orElseThrow();
                    if (OrderStatus.CANCELLED.equals(now.orderStatus()) && !OrderPayments.REFUNDED.equals(now.paymentStatus())) {
                        // the reservation ran out (or the buyer cancelled) before the money arrived: it goes back in full
                        LOG.warn("Order {} was paid ({} {}) after it was cancelled: refunding it", order.orderNumber(), check.provider(), check.paymentId());
                        exchange.setProperty(Refunds.PLAN_PROPERTY, new Refunds.Plan(now.orderId(), check.provider(), check.paymentId(),
                                check.amount(), check.currency(), "paid after cancellation", "refund-late-" + check.paymentId()));
                    }
                    return null;
                }
                LOG.info("Order {} paid by {} ({}), confirmed", order.orderNumber(), check.provider(), check.paymentId());
                metrics.counter("shop_payments_confirmed_total", "Orders confirmed by a payment", "provider", check.provider()).increment();
                payments.countSales(order);
                return MailRequest.about("order_confirmed", order);
            }
            default -> {
                LOG.info("Order {}: payment {} not final yet ({})", order.orderNumber(), check.reference(), check.outcome());
                return null;
            }
        }
    }

    /** After the provider refunded a payment that came for a cancelled order: noted on the order, which stays cancelled. */
    public void refundedLate(Exchange exchange, StripeGateway.RefundResult refund) {
        Refunds.Plan plan = exchange.getProperty(Refunds.PLAN_PROPERTY, Refunds.Plan.class);
        payments.recordLateRefund(payments.find(plan.orderId()).orElseThrow(), plan, refund);
        metrics.counter("shop_payments_refunded_after_cancel_total", "Payments that came for cancelled orders and were refunded",
                "provider", plan.provider()).increment();
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
