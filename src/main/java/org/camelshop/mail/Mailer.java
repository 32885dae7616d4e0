package org.camelshop.mail;

import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;
import org.camelshop.platform.Json;

/**
 * The steps of email.yaml around the templates: {@link #compose} turns a request from email-notification-queue into a
 * {@link Mail} (or null when it must not go out: recorded as sent already, or to someone who opted out or deleted
 * their account meanwhile), the route renders its HTML and text with the freemarker component, {@link #message} makes
 * the MIME message SES sends, and {@link #recordSent} notes it on its order or MarketingQueue record, so a redelivered
 * request sends no second mail.
 */
public final class Mailer {

    private final OrderContent orders;
    private final MarketingContent marketing;
    private final Brand brand;
    private final String from;

    public Mailer(OrderContent orders, MarketingContent marketing, Brand brand, String from) {
        this.orders = orders;
        this.marketing = marketing;
        this.brand = brand;
        this.from = from;
    }

    /** The mail a queued request asks for, or null when it must not go out. */
    public Mail compose(String requestJson) {
        MailRequest request = Json.read(requestJson, MailRequest.class);
        if (request.marketingId() != null) {
            Optional<MarketingContent.Composed> mail = marketing.compose(request.marketingId());
            // RFC 8058 one-click unsubscribe: mail clients show their own button for it
            return mail.map(m -> new Mail(request.template(), request.to(), m.subject(), m.content(), brand, Map.of(
                    "List-Unsubscribe", "<" + m.content().unsubscribeUrl() + ">", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                    messageId -> marketing.sent(request.marketingId(), messageId))).orElse(null);
        }
        if (request.link() != null) {
            // a confirmation is about no order; sending it twice does no harm, so nothing is recorded
            return new Mail(request.template(), request.to(), "Confirm your e-mail address", new Mail.AddressConfirmation(request.link()),
                    brand, Map.of(), messageId -> { });
        }
        return orders.compose(request.orderId(), request.template(), mailKey(request))
                .map(m -> new Mail(request.template(), request.to(), m.subject(), m.content(), brand, Map.of(), m.sent())).orElse(null);
    }

    /** The text + HTML message for SES. */
    public MimeMessage message(Mail mail, String html, String text) {
        return MimeMessages.build(from, mail.to(), mail.subject(), html, text, mail.headers());
    }

    /** Notes that this mail went out, with SES's message id. */
    public void recordSent(Mail mail, String messageId) {
        mail.sent().accept(messageId == null ? "" : messageId);
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
