package org.camelshop.payment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.apache.camel.Exchange;
import org.camelshop.inventory.Inventory;
import org.camelshop.order.Order;
import org.camelshop.mail.MailRequest;
import org.camelshop.order.OrderStatus;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.IdempotencyKeys;
import org.camelshop.platform.Identity;
import org.camelshop.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/orders/{id}/refund {amount_cents?, reason?}} (admin): {@link #plan} checks what may still be refunded
 * (never more than was paid, 409), the route refunds it at the provider inside its breaker with an idempotency key made of
 * the order, the amount refunded before and this amount (so a retried request never refunds twice), and {@link #record}
 * adds it up on the order: partially_refunded, or refunded with order_status refunded through the state machine; a full
 * refund of goods that never shipped puts the stock back. Each refund queues an order_refunded mail.
 */
public final class Refunds {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RefundRequest(Long amountCents, Long amount, String reason) {
    }

    /** The refund about to be made. */
    public record Plan(String orderId, String provider, String paymentId, long amount, String currency, String reason, String key) {
    }

    public static final String PLAN_PROPERTY = "shopRefund";
    private static final Logger LOG = LoggerFactory.getLogger(Refunds.class);

    private final OrderPayments payments;
    private final Inventory inventory;
    private final IdempotencyKeys idempotency;

    public Refunds(OrderPayments payments, Inventory inventory, IdempotencyKeys idempotency) {
        this.payments = payments;
        this.inventory = inventory;
        this.idempotency = idempotency;
    }

    /**
     * Claims the Idempotency-Key first (a replay answers with the first refund's order, whatever was refunded since), then
     * plans what may still be refunded.
     */
    public void plan(Exchange exchange, String orderId) {
        String body = exchange.getMessage().getBody(String.class);
        RefundRequest request = body == null || body.isBlank() ? new RefundRequest(null, null, null) : Json.body(exchange, RefundRequest.class);
        Long asked = request.amountCents() != null ? request.amountCents() : request.amount();
        if (request.reason() != null && request.reason().length() > 500) {
            throw ApiException.invalidField("reason", "must be at most 500 characters");
        }
        Order order = payments.find(orderId).orElseThrow(() -> ApiException.notFound("Order " + orderId));
        Optional<String> replay = idempotency.claim(exchange, "refund", Identity.current(exchange).map(u -> u.userId()).orElse("admin"));
        if (replay.isPresent()) {
            exchange.getMessage().setBody(replay.get());
            return;
        }
        if (!OrderPayments.PAID.equals(order.paymentStatus()) && !OrderPayments.PARTIALLY_REFUNDED.equals(order.paymentStatus())) {
            throw ApiException.conflict("not_refundable", "Only a paid order can be refunded (payment_status is " + order.paymentStatus() + ")");
        }
        long refunded = order.refundedCents() == null ? 0 : order.refundedCents();
        long amount = amount(asked, order.amountPaid(), refunded);
        exchange.setProperty(PaymentProcessor.PROVIDER_PROPERTY, order.paymentProvider());
        exchange.setProperty(PLAN_PROPERTY, new Plan(orderId, order.paymentProvider(), order.paymentId(), amount, order.currency(),
                request.reason(), "refund-" + orderId + "-" + refunded + "-" + amount));
    }

    /** For an order an admin just cancelled (the body): true, with the refund planned, if money is left to give back. */
    public boolean planCancellation(Exchange exchange) {
        Order order = exchange.getMessage().getBody(Order.class);
        if (order == null || !OrderStatus.CANCELLED.equals(order.orderStatus())
                || !(OrderPayments.PAID.equals(order.paymentStatus()) || OrderPayments.PARTIALLY_REFUNDED.equals(order.paymentStatus()))) {
            return false;
        }
        long refunded = order.refundedCents() == null ? 0 : order.refundedCents();
        long amount = order.amountPaid() - refunded;
        if (amount <= 0) {
            return false;
        }
        exchange.setProperty(PaymentProcessor.PROVIDER_PROPERTY, order.paymentProvider());
        exchange.setProperty(PLAN_PROPERTY, new Plan(order.orderId(), order.paymentProvider(), order.paymentId(), amount, order.currency(),
                "order cancelled", "refund-" + order.orderId() + "-" + refunded + "-" + amount));
        return true;
    }

    /** Records the cancellation's refund; the answer is the order as it is now (its cancellation mail tells of the refund). */
    public Order recordCancellation(Exchange exchange, StripeGateway.RefundResult refund) {
        record(exchange, refund);
        return exchange.getProperty(Payments.ORDER_PROPERTY, Order.class);
    }

    /**
     * How much to refund: what was asked (all that is left when nothing was), never more than is left of the payment
     * (409) and never zero or less (400). Money in cents.
     */
    static long amount(Long asked, long paid, long refundedBefore) {
        if (asked != null && asked <= 0) {
            throw ApiException.invalidField("amount_cents", "must be a positive whole number of cents");
        }
        long left = paid - refundedBefore;
        if (left <= 0) {
            throw ApiException.conflict("refund_exceeds_payment", "This order is refunded in full already");
        }
        long amount = asked == null ? left : asked;
        if (amount > left) {
            throw ApiException.conflict("refund_exceeds_payment", "At most " + left + " cents of this order can still be refunded");
        }
        return amount;
    }

    /** Adds the provider's refund to the order; returns the mail request for it. */
    public String record(Exchange exchange, StripeGateway.RefundResult refund) {
        Plan plan = exchange.getProperty(PLAN_PROPERTY, Plan.class);
        var before = payments.recordRefund(plan.orderId(), refund.id(), refund.amount(), plan.reason());
        Order after = payments.find(plan.orderId()).orElseThrow();
        exchange.setProperty(Payments.ORDER_PROPERTY, after);
        // the money moved: from here a retry of this request must replay, never refund again
        idempotency.remember(exchange, Json.write(after));
        if (before.isEmpty()) {
            return null; // recorded by an earlier attempt, whose mail is on its way
        }
        if (OrderStatus.REFUNDED.equals(after.orderStatus()) && OrderStatus.goodsStillHere(before.get().orderStatus())) {
            inventory.release(after.orderId(), after.items());
        }
        LOG.info("Order {}: {} cents refunded through {} ({}), {} of {} in total", after.orderNumber(), refund.amount(), plan.provider(),
                refund.id(), after.refundedCents(), after.amountPaid());
        int count = after.refunds() == null ? 1 : after.refunds().size();
        return Json.write(new MailRequest("order_refunded", after.userEmail(), after.orderId(), after.orderId() + ":order_refunded:" + count, null));
    }

    /** The answer: the order as it is now (remembered for Idempotency-Key replays when the refund was recorded). */
    public Order answer(Exchange exchange) {
        return exchange.getProperty(Payments.ORDER_PROPERTY, Order.class);
    }
}
