package org.camelshop.order;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camelshop.mail.Brand;
import org.camelshop.mail.OrderContent;
import org.camelshop.mail.OrderMail;
import org.camelshop.pricing.Address;
import org.camelshop.pricing.Quote.PricedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content of the mails about an order (order received, cancelled, confirmed, shipped, refunded), read from the
 * order when the mail is sent, and the note on the order that a mail went out.
 */
public final class OrderMails implements OrderContent {

    private static final Logger LOG = LoggerFactory.getLogger(OrderMails.class);
    private final OrderRepository orders;
    private final OrderAccessTokens accessTokens;
    private final BiFunction<String, String, Optional<String>> images;
    private final String shopUrl;
    private final int reservationMinutes;
    private final Clock clock;

    /**
     * {@code images} gives the picture (site path or URL) a mail shows for a product id and variant id (null: none), for
     * the thumbnails of the lines; nothing for a product that is gone.
     */
    public OrderMails(OrderRepository orders, OrderAccessTokens accessTokens, BiFunction<String, String, Optional<String>> images, String shopUrl,
            Duration reservation, Clock clock) {
        this.orders = orders;
        this.accessTokens = accessTokens;
        this.images = images;
        this.shopUrl = shopUrl;
        this.reservationMinutes = (int) reservation.toMinutes();
        this.clock = clock;
    }

    @Override
    public Optional<Composed> compose(String orderId, String template, String mailKey) {
        Order order = orders.find(orderId)
                .orElseThrow(() -> new IllegalStateException("order " + orderId + " of a mail request is not in the Orders table"));
        if (order.mails() != null && order.mails().containsKey(mailKey)) { // a consistent read: sent means recorded
            return Optional.empty();
        }
        if (OrderRepository.ERASED_EMAIL.equals(order.userEmail())) {
            // queued before the customer deleted their account: the address in the request is no longer ours to use
            LOG.info("Mail {} of order {} not sent: the customer deleted their account", template, order.orderNumber());
            return Optional.empty();
        }
        return Optional.of(new Composed(subject(template, order), content(order), messageId -> orders.recordMail(order, mailKey,
                Map.of("status", "sent", "sent_at", clock.instant().toString(), "message_id", messageId))));
    }

    private static String subject(String template, Order order) {
        return switch (template) {
            case "order_received" -> "We received your order " + order.orderNumber();
            case "order_cancelled" -> "Your order " + order.orderNumber() + " was cancelled";
            case "order_confirmed" -> "Order " + order.orderNumber() + " is confirmed";
            case "order_shipped" -> "Order " + order.orderNumber() + " has shipped";
            case "order_refunded" -> "Refund for order " + order.orderNumber();
            case "payment_duplicate_refunded" -> "Order " + order.orderNumber() + ": your second payment is refunded";
            default -> "About your order " + order.orderNumber();
        };
    }

    private OrderMail content(Order order) {
        String name = order.billingAddress() != null ? order.billingAddress().name() : order.userEmail();
        // a guest has no login: their link carries the order's access token, so it opens on any device
        String orderUrl = shopUrl + "/orders.html?order=" + order.orderId()
                + (order.isGuestOrder() ? "&token=" + accessTokens.of(order.orderId()) : "");
        List<OrderMail.Line> lines = order.items().stream().map(line -> new OrderMail.Line(line.title(), line.quantity(), line.unitPrice(),
                line.lineTotal(), images.apply(line.productId(), line.variantId()).filter(url -> !url.isBlank()).map(url -> Brand.absolute(shopUrl, url))
                .orElse(null))).toList();
        // the mail is written when it is sent: an order paid meanwhile is not asked to pay again
        boolean charged = order.paymentStatus() != null && !Order.PAYMENT_PENDING.equals(order.paymentStatus())
                && !"failed".equals(order.paymentStatus());
        long refunded = order.refundedCents() == null ? 0 : order.refundedCents();
        long duplicates = order.duplicatePayments() == null ? 0 : order.duplicatePayments().values().stream()
                .mapToLong(payment -> Long.parseLong(payment.getOrDefault("refunded", "0"))).sum();
        return new OrderMail(order.orderNumber(), name, orderUrl, lines, order.subtotal(), order.discount(), order.discountCode(),
                order.tax(), order.shipping(), order.total(), order.currency(), addressLines(order.shippingAddress()), order.isPaid(), charged,
                order.items().stream().anyMatch(PricedLine::digitalDownload), reservationMinutes, order.cancelReason(), order.carrier(),
                order.trackingNumber(), refunded, order.amountPaid() != null && refunded >= order.amountPaid(), duplicates);
    }

    /** The address as it is written on a parcel; no address, no lines. */
    static List<String> addressLines(Address a) {
        if (a == null) {
            return List.of();
        }
        String region = Stream.of(a.state(), a.postalCode()).filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(" "));
        String town = a.city() == null || a.city().isBlank() ? region : region.isEmpty() ? a.city() : a.city() + ", " + region;
        return Stream.of(a.name(), a.line1(), a.line2(), town, a.country()).filter(line -> line != null && !line.isBlank()).toList();
    }
}
