package org.camelshop.order;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.inventory.Inventory;
import org.camelshop.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The consumer of order-processing-queue (seed "order_processor"): a pending order's stock is reserved through the
 * inventory route, then the order moves to {@code awaiting_payment}, or is cancelled as {@code out_of_stock}.
 * Idempotent: only a pending order is processed, and reserving is repeatable, so a redelivered message has no
 * second effect.
 */
public final class OrderProcessor {

    /**
     * What email-notification-queue carries: which mail, to whom, and what it is about — an order (transactional) or
     * a MarketingQueue record (marketing mail, which honours the recipient's preferences when it is sent).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MailRequest(String template, String to, String orderId, String dedupKey, String marketingId, String link) {

        public MailRequest(String template, String to, String orderId, String dedupKey, String marketingId) {
            this(template, to, orderId, dedupKey, marketingId, null);
        }

        /** The request, as queue message, for the mail that asks the owner of a new address to confirm it. */
        public static String confirmation(String to, String link) {
            return Json.write(new MailRequest("email_confirm", to, null, null, null, link));
        }

        /** The request, as queue message, for one mail of this template about the order (sent once per order). */
        public static String about(String template, Order order) {
            return Json.write(new MailRequest(template, order.userEmail(), order.orderId(), order.orderId() + ":" + template, null));
        }

        /** The request, as queue message, for the marketing mail of one MarketingQueue record. */
        public static String marketing(String template, String to, String marketingId) {
            return Json.write(new MailRequest(template, to, null, marketingId, marketingId));
        }
    }

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

    /** The pending order a queue message names, or null when it was processed before (a redelivery). */
    public Order pendingOrder(String message) {
        Orders.Placed placed = Json.read(message, Orders.Placed.class);
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
    public String afterReservation(Order order, boolean reserved) {
        if (reserved) {
            String until = clock.instant().plus(reservationWindow).toString();
            if (orders.update(order, OrderStatus.PENDING, Map.of("order_status", AttributeValue.fromS(OrderStatus.AWAITING_PAYMENT),
                    "reserved_until", AttributeValue.fromS(until)))) {
                LOG.info("Order {} reserved until {}, awaiting payment", order.orderNumber(), until);
                return MailRequest.about("order_received", order);
            }
            // a copy of this message got there first: its reservation is this one, and stays
            if (orders.find(order.orderId()).map(now -> OrderStatus.CANCELLED.equals(now.orderStatus())).orElse(false)) {
                // cancelled while we reserved: the cancellation saw it pending and returned nothing, so we do
                inventory.release(order);
            }
            return null;
        }
        if (orders.update(order, OrderStatus.PENDING, Map.of("order_status", AttributeValue.fromS(OrderStatus.CANCELLED),
                "cancel_reason", AttributeValue.fromS("out_of_stock")))) {
            LOG.info("Order {} cancelled: out of stock", order.orderNumber());
            watch.cancelled(order);
            return MailRequest.about("order_cancelled", order);
        }
        return null;
    }

}
