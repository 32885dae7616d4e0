package org.camelshop.mail;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.camelshop.order.Order;
import org.camelshop.order.OrderAccessTokens;
import org.camelshop.order.OrderProcessor.MailRequest;
import org.camelshop.order.OrderRepository;
import org.camelshop.platform.Json;
import org.camelshop.pricing.Quote.PricedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a mail request from email-notification-queue into a MIME message (text + HTML) for SES and records it as sent
 * on its order (or, for marketing mail, on its MarketingQueue record). A request already recorded as sent is skipped,
 * so a redelivered request sends no second mail; a marketing mail to someone who opted out meanwhile is skipped too.
 */
public final class Mailer {

    public static final String SKIP_HEADER = "ShopMailSkip";
    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);
    private static final String REQUEST_PROPERTY = "shopMailRequest";
    private static final String ORDER_PROPERTY = "shopMailOrder";

    private final OrderRepository orders;
    private final MarketingContent marketing;
    private final MailTemplates templates;
    private final String from;
    private final String shopUrl;
    private final OrderAccessTokens accessTokens;
    private final int reservationMinutes;
    private final Clock clock;

    public Mailer(OrderRepository orders, MarketingContent marketing, MailTemplates templates, String from, String shopUrl,
            OrderAccessTokens accessTokens, int reservationMinutes, Clock clock) {
        this.accessTokens = accessTokens;
        this.orders = orders;
        this.marketing = marketing;
        this.templates = templates;
        this.from = from;
        this.shopUrl = shopUrl;
        this.reservationMinutes = reservationMinutes;
        this.clock = clock;
    }

    public void prepare(Exchange exchange) {
        Message message = exchange.getMessage();
        MailRequest request = Json.read(message.getBody(String.class), MailRequest.class);
        exchange.setProperty(REQUEST_PROPERTY, request);
        if (request.marketingId() != null) {
            prepareMarketing(message, request);
            return;
        }
        if (request.link() != null) {
            MailTemplates.Rendered body = templates.render(request.template(), Map.of("confirm_url", request.link(), "shop_url", shopUrl + "/"));
            message.setHeader("CamelAwsSesTo", request.to());
            message.setBody(MimeMessages.build(from, request.to(), "Confirm your e-mail address", body, Map.of()));
            return;
        }
        Order order = orders.find(request.orderId())
                .orElseThrow(() -> new IllegalStateException("order " + request.orderId() + " of a mail request is not in the Orders table"));
        exchange.setProperty(ORDER_PROPERTY, order);
        if (order.mails() != null && order.mails().containsKey(mailKey(request))) { // a consistent read: sent means recorded
            message.setHeader(SKIP_HEADER, true);
            return;
        }
        if (OrderRepository.ERASED_EMAIL.equals(order.userEmail())) {
            // queued before the customer deleted their account: the address in the request is no longer ours to use
            LOG.info("Mail {} of order {} not sent: the customer deleted their account", request.template(), order.orderNumber());
            message.setHeader(SKIP_HEADER, true);
            return;
        }
        MailTemplates.Rendered body = templates.render(request.template(), values(order));
        message.setHeader("CamelAwsSesTo", request.to());
        message.setBody(MimeMessages.build(from, request.to(), subject(request.template(), order), body, Map.of()));
    }

    private void prepareMarketing(Message message, MailRequest request) {
        Optional<MarketingContent.Composed> mail = marketing.compose(request.marketingId());
        if (mail.isEmpty()) {
            message.setHeader(SKIP_HEADER, true);
            return;
        }
        MailTemplates.Rendered body = templates.render(request.template(), mail.get().values());
        message.setHeader("CamelAwsSesTo", request.to());
        // RFC 8058 one-click unsubscribe: mail clients show their own button for it
        message.setBody(MimeMessages.build(from, request.to(), mail.get().subject(), body, Map.of(
                "List-Unsubscribe", "<" + mail.get().unsubscribeUrl() + ">", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click")));
    }

    /** Notes on the order that this mail went out, with SES's message id. */
    public void recordSent(Exchange exchange) {
        MailRequest request = exchange.getProperty(REQUEST_PROPERTY, MailRequest.class);
        String messageId = exchange.getMessage().getHeader("CamelAwsSesMessageId", "", String.class);
        if (request.marketingId() != null) {
            marketing.sent(request.marketingId(), messageId);
            return;
        }
        if (request.link() != null) {
            return; // a confirmation is about no order; sending it twice does no harm
        }
        orders.recordMail(exchange.getProperty(ORDER_PROPERTY, Order.class), mailKey(request), Map.of("status", "sent", "sent_at", clock.instant().toString(),
                "message_id", messageId));
    }

    /**
     * Under which name the mail is recorded on its order: the template, or what the dedup key adds to the order id
     * when one template can be sent more than once ({@code order_refunded:2} for a second refund).
     */
    private static String mailKey(MailRequest request) {
        String prefix = request.orderId() + ":";
        return request.dedupKey() != null && request.dedupKey().startsWith(prefix) ? request.dedupKey().substring(prefix.length())
                : request.template();
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

    static String money(long cents, String currency) {
        return String.format(Locale.ROOT, "%s %d.%02d", currency.toUpperCase(Locale.ROOT), cents / 100, cents % 100);
    }
}
