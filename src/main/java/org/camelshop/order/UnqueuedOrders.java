package org.camelshop.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camelshop.platform.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Orders that were stored but never reached order-processing-queue: the queue was unreachable when they were placed
 * (the shop still accepted them), or the app died between storing and queueing. They are pending, carry no
 * {@code processing_queue_id} and are older than a grace period; queueing them again is safe because the order
 * processor handles each order once.
 */
public final class UnqueuedOrders {

    private final OrderRepository orders;
    private final Clock clock;
    private final Duration grace;

    public UnqueuedOrders(OrderRepository orders, Clock clock, Duration grace) {
        this.orders = orders;
        this.clock = clock;
        this.grace = grace;
    }

    /** The order-processing-queue messages of every unqueued order past its grace period. */
    public List<String> due() {
        Instant cutoff = clock.instant().minus(grace);
        return orders.all(Optional.of(OrderStatus.PENDING))
                .filter(order -> order.processingQueueId() == null && Instant.parse(order.orderDate()).isBefore(cutoff))
                .map(Orders.Placed::of)
                .toList();
    }

    /** Notes the queue message id on the order, so it is not queued again. */
    public void queued(String message, String messageId) {
        Orders.Placed placed = Json.read(message, Orders.Placed.class);
        orders.find(placed.orderId()).ifPresent(order ->
                orders.annotate(order, Map.of("processing_queue_id", AttributeValue.fromS(messageId))));
    }
}
