package org.camelshop.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A row of ProductViews (seed): one view, cart add or purchase of a product. {@code event_type} says which (the seed's
 * {@code added_to_cart} / {@code purchased} flags, kept as rows so nothing is updated in place); {@code expires_at} is
 * the 90-day TTL in epoch seconds.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductView(
        String viewId,
        String timestamp,
        String eventType,
        String userId,
        String sessionId,
        String productId,
        String productName,
        String category,
        long productPrice,
        Integer viewDuration,
        String referrer,
        String deviceType,
        String orderId,
        String createdAt,
        long expiresAt) {
}
