package org.camelshop.order;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.inventory.Inventory;
import org.camelshop.mail.MailRequest;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.Page;
import org.camelshop.platform.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Admin order management: the list with a status filter, status changes through the state machine, tracking. */
public final class OrderAdmin {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StatusChange(String orderStatus) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Tracking(String trackingNumber, String carrier) {
    }

    private final OrderRepository orders;
    private final Inventory inventory;
    private final CancellationWatch watch;
    private final Clock clock;

    public OrderAdmin(OrderRepository orders, Inventory inventory, CancellationWatch watch, Clock clock) {
        this.orders = orders;
        this.inventory = inventory;
        this.watch = watch;
        this.clock = clock;
    }

    public Page<Order> list(Map<String, Object> parameters) {
        Optional<String> status = Optional.ofNullable(parameters.get("status")).map(Object::toString).filter(s -> !s.isBlank());
        if (status.isPresent() && !OrderStatus.ALL.contains(status.get())) {
            throw ApiException.invalidField("status", "must be one of " + OrderStatus.ALL);
        }
        int page = Parameters.wholeNumber(parameters.get("page"), "page", 1, 1, 10_000);
        int pageSize = Parameters.wholeNumber(parameters.get("page_size"), "page_size", 50, 1, 100);
        return Page.of(orders.all(status).toList(), page, pageSize);
    }

    /**
     * Moves an order along the state machine (an impossible move is a 409). Shipping forgets the stock reservations
     * (the goods are gone); cancelling before shipping returns the stock. Refunds go through the payment flow.
     */
    public Order changeStatus(StatusChange change, String orderId) {
        if (change.orderStatus() == null) {
            throw ApiException.invalidField("order_status", "is required");
        }
        Order order = existing(orderId);
        OrderStatus.requireMove(order.orderStatus(), change.orderStatus());
        if (OrderStatus.REFUNDED.equals(change.orderStatus())) {
            throw ApiException.conflict("refund_required", "Refund the order with POST /api/orders/" + orderId + "/refund");
        }
        if (OrderStatus.needsPayment(change.orderStatus()) && !order.isPaid()) {
            throw ApiException.conflict("payment_required", "An order becomes " + change.orderStatus() + " only once its payment is recorded"
                    + " (payment_status is " + order.paymentStatus() + ")");
        }
        Map<String, AttributeValue> attributes = new HashMap<>(Map.of("order_status", AttributeValue.fromS(change.orderStatus())));
        String now = clock.instant().toString();
        switch (change.orderStatus()) {
            case OrderStatus.SHIPPED -> attributes.put("shipped_date", AttributeValue.fromS(now));
            case OrderStatus.DELIVERED -> attributes.put("delivered_date", AttributeValue.fromS(now));
            case OrderStatus.CANCELLED -> {
                attributes.put("cancel_reason", AttributeValue.fromS("admin"));
                attributes.put("cancelled_at", AttributeValue.fromS(now));
            }
            default -> { }
        }
        if (!orders.update(order, order.orderStatus(), attributes)) {
            throw ApiException.conflict("concurrent_update", "The order changed meanwhile; reload it and try again");
        }
        if (OrderStatus.SHIPPED.equals(change.orderStatus())) {
            inventory.settle(order.orderId(), order.items());
        } else if (OrderStatus.CANCELLED.equals(change.orderStatus()) && !OrderStatus.PENDING.equals(order.orderStatus())) {
            inventory.release(order.orderId(), order.items());
        }
        if (OrderStatus.CANCELLED.equals(change.orderStatus())) {
            watch.cancelled(order);
        }
        return existing(orderId);
    }

    /**
     * The mail an admin change owes the customer: a cancellation notice, or the shipping notice once the order has
     * left with a tracking number (whichever of status and tracking came last). Null when none.
     */
    public String changeMail(Order order) {
        if (OrderStatus.CANCELLED.equals(order.orderStatus())) {
            return MailRequest.aboutOrder("order_cancelled", order.userEmail(), order.orderId());
        }
        boolean left = OrderStatus.SHIPPED.equals(order.orderStatus()) || OrderStatus.DELIVERED.equals(order.orderStatus());
        return left && order.trackingNumber() != null ? MailRequest.aboutOrder("order_shipped", order.userEmail(), order.orderId()) : null;
    }

    public Order track(Tracking tracking, String orderId) {
        if (tracking.trackingNumber() == null || tracking.trackingNumber().isBlank() || tracking.trackingNumber().length() > 64) {
            throw ApiException.invalidField("tracking_number", "must be 1 to 64 characters");
        }
        if (tracking.carrier() == null || tracking.carrier().isBlank() || tracking.carrier().length() > 40) {
            throw ApiException.invalidField("carrier", "must be 1 to 40 characters");
        }
        Order order = existing(orderId);
        if (!order.isPaid() || !OrderStatus.needsPayment(order.orderStatus())) {
            throw ApiException.conflict("order_not_paid", "Tracking is set on paid orders only (this one is " + order.orderStatus()
                    + ", payment " + order.paymentStatus() + ")");
        }
        orders.annotate(order, Map.of("tracking_number", AttributeValue.fromS(tracking.trackingNumber().trim()),
                "carrier", AttributeValue.fromS(tracking.carrier().trim())));
        return existing(orderId);
    }

    private Order existing(String orderId) {
        return orders.find(orderId).orElseThrow(() -> ApiException.notFound("Order " + orderId));
    }
}
