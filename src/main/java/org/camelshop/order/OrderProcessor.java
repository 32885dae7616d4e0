package org.camelshop.order;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.camelshop.inventory.Inventory;
import org.camelshop.mail.MailRequest;
import org.camelshop.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The consumer of order-processing-queue (seed "order_processor"): a pending order's stock is reserved through the
 * inventory route, then the order moves to {@code awaiting_payment}, or is cancelled as {@code out_of_stock}.
 * Idempotent: only a pending order moves on (a write conditional on its status), and reserving is repeatable, so a
 * redelivered message has no second effect.
 */
public final class OrderProcessor implements PendingOrders {

    private static final Logger LOG = LoggerFactory.getLogger(OrderProcessor.class);
    private final OrderRepository orders;
    private final Inventory inventory;
    private final CancellationWatch watch;
    private final Clock clock;
    private final Duration reservationWindow;

    public OrderProcessor(OrderRepository orders, Inventory inventory, CancellationWatch watch, Clock clock, Duration reservationWindow) {
        this.orders = orders;
        this.inventory = inventory;
        this.watch = watch;
        this.clock = clock;
        this.reservationWindow = reservationWindow;
    }

    /**
     * The order a message carries is as placed, so pending: it is not read back. Were it a redelivery of an order
     * processed since, reserving again finds its reservations taken already, and the status write below, conditional
     * on pending, does nothing ({@link #afterReservation}).
     */
    @Override
    public Order pendingOrder(String message) {
        Orders.Placed placed = Json.read(message, Orders.Placed.class);
        if (placed.order() != null && OrderStatus.PENDING.equals(placed.order().orderStatus())) {
            return placed.order();
        }
        Order order = orders.find(placed.orderId())
                .orElseThrow(() -> new IllegalStateException("order " + placed.orderId() + " is not in the Orders table"));
        if (!OrderStatus.PENDING.equals(order.orderStatus())) {
            LOG.info("Order {} already processed ({}): message ignored", order.orderNumber(), order.orderStatus());
            return null;
        }
        return order;
    }

    /**
     * After the inventory route tried to reserve the order's stock: awaiting payment until the reservation window
     * ends, or cancelled as out of stock. Returns the e-mail to send, or null when a cancellation won the race.
     */
    @Override
    public String afterReservation(Order order, boolean reserved) {
        if (reserved) {
            String until = clock.instant().plus(reservationWindow).toString();
            if (orders.update(order, OrderStatus.PENDING, Map.of("order_status", AttributeValue.fromS(OrderStatus.AWAITING_PAYMENT),
                    "reserved_until", AttributeValue.fromS(until)))) {
                LOG.info("Order {} reserved until {}, awaiting payment", order.orderNumber(), until);
                return MailRequest.aboutOrder("order_received", order.userEmail(), order.orderId());
            }
            // a copy of this message got there first: its reservation is this one, and stays
            if (orders.find(order.orderId()).map(now -> OrderStatus.CANCELLED.equals(now.orderStatus())).orElse(false)) {
                // cancelled while we reserved: the cancellation saw it pending and returned nothing, so we do
                inventory.release(order.orderId(), order.items());
            }
            return null;
        }
        if (orders.update(order, OrderStatus.PENDING, Map.of("order_status", AttributeValue.fromS(OrderStatus.CANCELLED),
                "cancel_reason", AttributeValue.fromS("out_of_stock")))) {
            LOG.info("Order {} cancelled: out of stock", order.orderNumber());
            watch.cancelled(order);
            return MailRequest.aboutOrder("order_cancelled", order.userEmail(), order.orderId());
        }
        return null;
    }

}
