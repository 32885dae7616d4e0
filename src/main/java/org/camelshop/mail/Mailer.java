package org.camelshop.mail;

import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.camelshop.platform.Json;

/**
 * Turns a mail request from email-notification-queue into a MIME message (text + HTML) for SES and records it as sent
 * on its order (or, for marketing mail, on its MarketingQueue record). A request already recorded as sent is skipped,
 * so a redelivered request sends no second mail; a marketing mail to someone who opted out meanwhile is skipped too.
 */
public final class Mailer {

    public static final String SKIP_HEADER = "ShopMailSkip";
    private static final String REQUEST_PROPERTY = "shopMailRequest";
    private static final String ORDER_MAIL_PROPERTY = "shopMailOrder";

    private final OrderContent orders;
    private final MarketingContent marketing;
    private final MailTemplates templates;
    private final String from;
    private final String shopUrl;

    public Mailer(OrderContent orders, MarketingContent marketing, MailTemplates templates, String from, String shopUrl) {
        this.orders = orders;
        this.marketing = marketing;
        this.templates = templates;
        this.from = from;
        this.shopUrl = shopUrl;
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
        Optional<OrderContent.Composed> mail = orders.compose(request.orderId(), request.template(), mailKey(request));
        if (mail.isEmpty()) {
            message.setHeader(SKIP_HEADER, true);
            return;
        }
        exchange.setProperty(ORDER_MAIL_PROPERTY, mail.get());
        MailTemplates.Rendered body = templates.render(request.template(), mail.get().values());
        message.setHeader("CamelAwsSesTo", request.to());
        message.setBody(MimeMessages.build(from, request.to(), mail.get().subject(), body, Map.of()));
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
        exchange.getProperty(ORDER_MAIL_PROPERTY, OrderContent.Composed.class).sent().accept(messageId);
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

}
