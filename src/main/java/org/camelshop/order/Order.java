package org.camelshop.order;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.pricing.Address;
import org.camelshop.pricing.Quote.PricedLine;

/**
 * An order with the seed's attributes; money in cents, priced by the server when it was placed. Guests
 * ({@code user_id = guest-<session>}) read it with the access token they were given, of which only a hash is kept.
 * {@code mails} records each mail sent about the order, by template.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Order(
        String orderId,
        String userId,
        String orderNumber,
        String userEmail,
        List<PricedLine> items,
        long subtotal,
        long discount,
        long tax,
        long shipping,
        long total,
        String currency,
        String discountCode,
        String paymentMethod,
        String paymentId,
        String paymentStatus,
        Address shippingAddress,
        Address billingAddress,
        String orderStatus,
        String cancelReason,
        String reservedUntil,
        String trackingNumber,
        String carrier,
        String orderDate,
        String shippedDate,
        String deliveredDate,
        String notes,
        List<String> digitalDownloads,
        String processingQueueId,
        Map<String, Map<String, String>> mails,
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String accessTokenHash,
        long version) {

    public static final String PAYMENT_PENDING = "pending";

    public boolean isGuestOrder() {
        return userId.startsWith("guest-");
    }
}
