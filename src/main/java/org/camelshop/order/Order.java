package org.camelshop.order;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.pricing.Address;
import org.camelshop.pricing.Quote.PricedLine;

/**
 * An order with the seed's attributes; money in cents, priced by the server when it was placed. Guests
 * ({@code user_id = guest-<session>}) read it with the access token they were given, of which only a hash is kept.
 * {@code mails} records each mail sent about the order, by template. The payment fields ({@code payment_provider} to
 * {@code refunds}) are set by the payment flow once money moved; {@code refunds} holds one entry per refund id.
 * {@code payment_attempts} lists every payment started for the order ({@code stripe:pi_…}, {@code paypal:…}), so that
 * the others are cancelled once one is paid; {@code duplicate_payments} holds money that came on top and went back.
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
        long version,
        String paymentProvider,
        Long amountPaid,
        Long refundedCents,
        String paidAt,
        String paymentFailure,
        Boolean downloadsUnlocked,
        Map<String, Map<String, String>> refunds,
        List<String> paymentAttempts,
        Map<String, Map<String, String>> duplicatePayments) {

    public static final String PAYMENT_PENDING = "pending";
    public static final String PAYMENT_PAID = "paid";
    public static final String PAYMENT_PARTIALLY_REFUNDED = "partially_refunded";

    /** An order before any payment: the payment fields are empty. */
    public Order(String orderId, String userId, String orderNumber, String userEmail, List<PricedLine> items, long subtotal, long discount,
            long tax, long shipping, long total, String currency, String discountCode, String paymentMethod, String paymentId,
            String paymentStatus, Address shippingAddress, Address billingAddress, String orderStatus, String cancelReason,
            String reservedUntil, String trackingNumber, String carrier, String orderDate, String shippedDate, String deliveredDate,
            String notes, List<String> digitalDownloads, String processingQueueId, Map<String, Map<String, String>> mails,
            String accessTokenHash, long version) {
        this(orderId, userId, orderNumber, userEmail, items, subtotal, discount, tax, shipping, total, currency, discountCode,
                paymentMethod, paymentId, paymentStatus, shippingAddress, billingAddress, orderStatus, cancelReason, reservedUntil,
                trackingNumber, carrier, orderDate, shippedDate, deliveredDate, notes, digitalDownloads, processingQueueId, mails,
                accessTokenHash, version, null, null, null, null, null, null, null, null, null);
    }

    /** This order without its addresses, notes and token hash: what a queue message about it needs to carry. */
    public Order withoutAddresses() {
        return new Order(orderId, userId, orderNumber, userEmail, items, subtotal, discount, tax, shipping, total, currency, discountCode,
                paymentMethod, paymentId, paymentStatus, null, null, orderStatus, cancelReason, reservedUntil, trackingNumber, carrier,
                orderDate, shippedDate, deliveredDate, null, digitalDownloads, processingQueueId, mails, null, version, paymentProvider,
                amountPaid, refundedCents, paidAt, paymentFailure, downloadsUnlocked, refunds, paymentAttempts, duplicatePayments);
    }

    /** A payment is recorded and not refunded in full. */
    @JsonIgnore
    public boolean isPaid() {
        return PAYMENT_PAID.equals(paymentStatus) || PAYMENT_PARTIALLY_REFUNDED.equals(paymentStatus);
    }

    public boolean isGuestOrder() {
        return isGuest(userId);
    }

    /** Whether an order's {@code user_id} is a guest's ({@code guest-<session>}) rather than an account's. */
    public static boolean isGuest(String userId) {
        return userId.startsWith("guest-");
    }
}
