package org.camelshop.order;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.camelshop.mail.MailTemplates;
import org.camelshop.mail.OrderContent;
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
    private final String shopUrl;
    private final int reservationMinutes;
    private final Clock clock;

    public OrderMails(OrderRepository orders, OrderAccessTokens accessTokens, String shopUrl, int reservationMinutes, Clock clock) {
        this.orders = orders;
        this.accessTokens = accessTokens;
        this.shopUrl = shopUrl;
        this.reservationMinutes = reservationMinutes;
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
        return Optional.of(new Composed(subject(template, order), values(order), messageId -> orders.recordMail(order, mailKey,
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

    private Map<String, String> values(Order order) {
        Map<String, String> values = new HashMap<>();
        String name = order.billingAddress() != null ? order.billingAddress().name() : order.userEmail();
        values.put("name", name);
        values.put("order_number", order.orderNumber());
        values.put("total", money(order.total(), order.currency()));
        // a guest has no login: their link carries the order's access token, so it opens on any device
        values.put("order_url", shopUrl + "/orders.html?order=" + order.orderId()
                + (order.isGuestOrder() ? "&token=" + accessTokens.of(order.orderId()) : ""));
        values.put("shop_url", shopUrl + "/");
        values.put("reason", switch (order.cancelReason() == null ? "" : order.cancelReason()) {
            case "out_of_stock" -> "some items sold out before we could reserve them";
            case "payment_timeout" -> "we did not receive payment in time, so the reserved items went back on sale";
            case "customer_request" -> "you cancelled it, as requested";
            default -> "the order was cancelled";
        });
        boolean paid = order.paymentStatus() != null && !Order.PAYMENT_PENDING.equals(order.paymentStatus())
                && !"failed".equals(order.paymentStatus());
        values.put("charge_note", paid ? "Your payment is refunded in full." : "Nothing has been charged.");
        // the mail is written when it is sent: an order paid meanwhile is not asked to pay again
        values.put("payment_note", paid ? "Your payment is received; thank you."
                : "Please complete payment within " + reservationMinutes + " minutes to keep your items reserved.");
        boolean downloads = order.items().stream().anyMatch(PricedLine::digitalDownload);
        values.put("next_step", downloads ? "Your downloads are ready on your order page." : "We will e-mail you when it ships.");
        values.put("tracking_number", Objects.toString(order.trackingNumber(), "to follow"));
        values.put("carrier", Objects.toString(order.carrier(), "our carrier"));
        values.put("refund_total", money(order.refundedCents() == null ? 0 : order.refundedCents(), order.currency()));
        values.put("duplicate_total", money(order.duplicatePayments() == null ? 0 : order.duplicatePayments().values().stream()
                .mapToLong(payment -> Long.parseLong(payment.getOrDefault("refunded", "0"))).sum(), order.currency()));
        StringBuilder html = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (PricedLine line : order.items()) {
            html.append("<tr><td>").append(line.quantity()).append(" × ").append(MailTemplates.escape(line.name())).append("</td><td>")
                    .append(money(line.lineTotal(), order.currency())).append("</td></tr>");
            text.append(line.quantity()).append(" x ").append(line.name()).append("  ").append(money(line.lineTotal(), order.currency())).append('\n');
        }
        values.put("lines_html", html.toString());
        values.put("lines_text", text.toString());
        return values;
    }

    private static String money(long cents, String currency) {
        return String.format(Locale.ROOT, "%s %d.%02d", currency.toUpperCase(Locale.ROOT), cents / 100, cents % 100);
    }
}
