package org.camelshop.payment;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.inventory.Inventory;
import org.camelshop.order.Order;
import org.camelshop.mail.MailRequest;
import org.camelshop.order.OrderStatus;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/orders/{id}/refund {amount_cents?, reason?}} (admin): {@link #plan} says what may still be refunded
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

    /** A refund made and recorded: the order before (null if an earlier attempt recorded it) and as it is now. */
    public record Refunded(Plan plan, StripeGateway.RefundResult refund, Order before, Order order) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Refunds.class);

    private final OrderPayments payments;
    private final Inventory inventory;

    public Refunds(OrderPayments payments, Inventory inventory) {
        this.payments = payments;
        this.inventory = inventory;
    }

    /** The order an admin refunds ({@code request} may be null: all that is left, no reason); 404 if there is none. */
    public Order order(RefundRequest request, String orderId) {
        if (request != null && request.reason() != null && request.reason().length() > 500) {
            throw ApiException.invalidField("reason", "must be at most 500 characters");
        }
        return payments.find(orderId).orElseThrow(() -> ApiException.notFound("Order " + orderId));
    }

    /**
     * What may still be refunded of the order: the route calls this after claiming the Idempotency-Key, so a replay answers
     * with the first refund's order, whatever was refunded since.
     */
    public Plan plan(RefundRequest request, Order order) {
        if (!OrderPayments.PAID.equals(order.paymentStatus()) && !OrderPayments.PARTIALLY_REFUNDED.equals(order.paymentStatus())) {
            throw ApiException.conflict("not_refundable", "Only a paid order can be refunded (payment_status is " + order.paymentStatus() + ")");
        }
        Long asked = request == null ? null : request.amountCents() != null ? request.amountCents() : request.amount();
        long refunded = order.refundedCents() == null ? 0 : order.refundedCents();
        long amount = amount(asked, order.amountPaid(), refunded);
        return new Plan(order.orderId(), order.paymentProvider(), order.paymentId(), amount, order.currency(),
                request == null ? null : request.reason(), "refund-" + order.orderId() + "-" + refunded + "-" + amount);
    }

    /** For an order an admin just cancelled: the refund of what is left of its payment, or null if nothing is. */
    public Plan cancellationPlan(Order order) {
        if (order == null || !OrderStatus.CANCELLED.equals(order.orderStatus())
                || !(OrderPayments.PAID.equals(order.paymentStatus()) || OrderPayments.PARTIALLY_REFUNDED.equals(order.paymentStatus()))) {
            return null;
        }
        long refunded = order.refundedCents() == null ? 0 : order.refundedCents();
        long amount = order.amountPaid() - refunded;
        if (amount <= 0) {
            return null;
        }
        return new Plan(order.orderId(), order.paymentProvider(), order.paymentId(), amount, order.currency(),
                "order cancelled", "refund-" + order.orderId() + "-" + refunded + "-" + amount);
    }

    /** Records the cancellation's refund; the answer is the order as it is now (its cancellation mail tells of the refund). */
    public Order recordCancellation(Plan plan, StripeGateway.RefundResult refund) {
        Refunded refunded = record(plan, refund);
        settle(refunded);
        return refunded.order();
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

    /**
     * Adds the provider's refund to the order. The route remembers the answer for Idempotency-Key replays at once (the
     * money moved: a retry must replay, never refund again), then {@link #settle settles} it.
     */
    public Refunded record(Plan plan, StripeGateway.RefundResult refund) {
        var before = payments.recordRefund(plan.orderId(), refund.id(), refund.amount(), plan.reason());
        return new Refunded(plan, refund, before.orElse(null), payments.find(plan.orderId()).orElseThrow());
    }

    /** A full refund of goods that never shipped puts the stock back; returns the order_refunded mail request, or null. */
    public String settle(Refunded refunded) {
        Order after = refunded.order();
        if (refunded.before() == null) {
            return null; // recorded by an earlier attempt, whose mail is on its way
        }
        if (OrderStatus.REFUNDED.equals(after.orderStatus()) && OrderStatus.goodsStillHere(refunded.before().orderStatus())) {
            inventory.release(after.orderId(), after.items());
        }
        LOG.info("Order {}: {} cents refunded through {} ({}), {} of {} in total", after.orderNumber(), refunded.refund().amount(),
                refunded.plan().provider(), refunded.refund().id(), after.refundedCents(), after.amountPaid());
        int count = after.refunds() == null ? 1 : after.refunds().size();
        return Json.write(new MailRequest("order_refunded", after.userEmail(), after.orderId(), after.orderId() + ":order_refunded:" + count, null));
    }
}
