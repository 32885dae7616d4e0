package org.camelshop.mail;

import java.util.List;

/**
 * What an order mail shows (templates/mail/order_*.ftlh and .ftl): money in integer cents, formatted by the templates.
 * {@code charged} says money was taken at some point (so a cancellation refunds it); {@code paid} that the order is paid
 * now (so nobody is asked to pay again). {@code shipTo} is the shipping address, one line per entry (empty: none).
 */
public record OrderMail(String number, String customerName, String orderUrl, List<Line> lines, long subtotal, long discount,
                        String discountCode, long tax, long shipping, long total, String currency, List<String> shipTo,
                        boolean paid, boolean charged, boolean downloads, int reservationMinutes, String cancelReason,
                        String carrier, String trackingNumber, long refunded, boolean refundedInFull, long duplicateRefunded) {

    /** One order line; {@code thumbnailUrl} is absolute, or null when the product has no image. */
    public record Line(String name, int quantity, long unitPrice, long total, String thumbnailUrl) {
    }

    public OrderMail {
        lines = List.copyOf(lines);
        shipTo = List.copyOf(shipTo);
    }
}
