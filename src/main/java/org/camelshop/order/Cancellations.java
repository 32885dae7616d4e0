package org.camelshop.order;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camelshop.inventory.Inventory;
import org.camelshop.mail.MailRequest;
import org.camelshop.platform.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cancelling orders, by their owner or when payment does not come within the reservation window. The status change
 * is conditional, so of two racing cancellations (or a cancellation and a payment) exactly one wins; only the
 * winner returns the stock, and returning it is repeatable anyway (reservation ids).
 */
public final class Cancellations {

    public static final String CUSTOMER_REQUEST = "customer_request";
    public static final String PAYMENT_TIMEOUT = "payment_timeout";
    private static final Logger LOG = LoggerFactory.getLogger(Cancellations.class);

    private final OrderRepository orders;
    private final Inventory inventory;
    private final CancellationWatch watch;
    private final Clock clock;

    public Cancellations(OrderRepository orders, Inventory inventory, CancellationWatch watch, Clock clock) {
        this.orders = orders;
        this.inventory = inventory;
        this.watch = watch;
        this.clock = clock;
    }

    /**
     * The owner cancels before anything was paid. Paid orders are cancelled (with their refund) through the admin
     * and payment flows, which are not in place yet.
     */
    public Order byCustomer(Order order) {
        if (!OrderStatus.PENDING.equals(order.orderStatus()) && !OrderStatus.AWAITING_PAYMENT.equals(order.orderStatus())) {
            OrderStatus.requireMove(order.orderStatus(), OrderStatus.CANCELLED);
            throw ApiException.conflict("paid_order", "This order is paid; ask us to cancel and refund it");
        }
        if (!cancel(order, CUSTOMER_REQUEST)) {
            throw ApiException.conflict("concurrent_update", "The order changed meanwhile; reload it and try again");
        }
        return orders.find(order.orderId()).orElseThrow();
    }

    /** Cancels every order still awaiting payment after its reservation window; returns the mail requests to send. */
    public List<String> expireUnpaid() {
        return expireUnpaidAsOf(clock.instant());
    }

    /** As {@link #expireUnpaid()}, as if it were {@code now}. */
    public List<String> expireUnpaidAsOf(Instant now) {
        return orders.all(Optional.of(OrderStatus.AWAITING_PAYMENT))
                .filter(order -> order.reservedUntil() != null && Instant.parse(order.reservedUntil()).isBefore(now))
                .filter(order -> cancel(order, PAYMENT_TIMEOUT))
                .map(order -> MailRequest.aboutOrder("order_cancelled", order.userEmail(), order.orderId()))
                .toList();
    }

    /** The mail request for a cancellation. */
    public String cancellationMail(Order order) {
        return MailRequest.aboutOrder("order_cancelled", order.userEmail(), order.orderId());
    }

    private boolean cancel(Order order, String reason) {
        boolean won = orders.update(order, order.orderStatus(), Map.of(
                "order_status", AttributeValue.fromS(OrderStatus.CANCELLED),
                "cancel_reason", AttributeValue.fromS(reason),
                "cancelled_at", AttributeValue.fromS(clock.instant().toString())));
        if (won) {
            if (!OrderStatus.PENDING.equals(order.orderStatus())) {
                inventory.release(order.orderId(), order.items());
            }
            watch.cancelled(order);
            LOG.info("Order {} cancelled ({})", order.orderNumber(), reason);
        }
        return won;
    }
}
