package org.camelshop.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.order.Order;

/**
 * What tracking-event-queue carries: a shopper viewed a product, added it to the cart, or bought it (an order).
 * {@code event_id} is fixed when the event is accepted, so a redelivered event is written over itself. The purchase
 * the server tells of an order it just placed carries that {@code order} (without addresses), so it is not read back;
 * events from shoppers ({@link Tracking#accept}) never do, and name an order that is then checked against the table.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrackingEvent(
        String eventId,
        String type,
        String userId,
        String sessionId,
        String productId,
        String orderId,
        Integer viewDuration,
        String referrer,
        String deviceType,
        String occurredAt,
        Order order) {

    public static final String VIEW = "view";
    public static final String CART_ADD = "cart_add";
    public static final String PURCHASE = "purchase";

    /** An event that carries no order. */
    public TrackingEvent(String eventId, String type, String userId, String sessionId, String productId, String orderId,
            Integer viewDuration, String referrer, String deviceType, String occurredAt) {
        this(eventId, type, userId, sessionId, productId, orderId, viewDuration, referrer, deviceType, occurredAt, null);
    }
}
