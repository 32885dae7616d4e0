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
 * The consumer of order-processing-queue (seed "order_processor"): reserves the stock of a pending order and moves
 * it to {@code awaiting_payment}, or cancels it as {@code out_of_stock}. Idempotent: only a pending order is
 * processed, and reserving is repeatable, so a redelivered message has no second effect.
 */
public final class OrderProcessor {

    /** What email-notification-queue carries: which mail, to whom, about which order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MailRequest(String template, String to, String orderId, String dedupKey) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(OrderProcessor.class);
    private final OrderRepository orders;
    private final Inventory inventory;
    private final Clock clock;
    private final Duration reservationWindow;

    public OrderProcessor(OrderRepository orders, Inventory inventory, Clock clock, Duration reservationWindow) {
        this.orders = orders;
        this.inventory = inventory;
        this.clock = clock;
        this.reservationWindow = reservationWindow;
    }

    /** Processes one queue message; returns the e-mail to send, or null when the message had been processed before. */
    public String process(String message) {
        Orders.Placed placed = Json.read(message, Orders.Placed.class);
        Order order = orders.find(placed.orderId())
                .orElseThrow(() -> new IllegalStateException("order " + placed.orderId() + " is not in the Orders table"));
        if (!OrderStatus.PENDING.equals(order.orderStatus())) {
            LOG.info("Order {} already processed ({}): message ignored", order.orderNumber(), order.orderStatus());
            return null;
        }
        if (inventory.reserve(order)) {
            String until = clock.instant().plus(reservationWindow).toString();
            if (orders.update(order, OrderStatus.PENDING, Map.of("order_status", AttributeValue.fromS(OrderStatus.AWAITING_PAYMENT),
                    "reserved_until", AttributeValue.fromS(until)))) {
                LOG.info("Order {} reserved until {}, awaiting payment", order.orderNumber(), until);
                return mail("order_received", order);
            }
            // cancelled while we reserved: the cancellation saw it pending and returned nothing, so we do
            inventory.release(order);
            return null;
        }
        if (orders.update(order, OrderStatus.PENDING, Map.of("order_status", AttributeValue.fromS(OrderStatus.CANCELLED),
                "cancel_reason", AttributeValue.fromS("out_of_stock")))) {
            LOG.info("Order {} cancelled: out of stock", order.orderNumber());
            return mail("order_cancelled", order);
        }
        return null;
    }

    private static String mail(String template, Order order) {
        return Json.write(new MailRequest(template, order.userEmail(), order.orderId(), order.orderId() + ":" + template));
    }
}
