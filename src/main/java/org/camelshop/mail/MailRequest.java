package org.camelshop.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.platform.Json;

/**
 * What email-notification-queue carries: which mail, to whom, and what it is about — an order (transactional) or
 * a MarketingQueue record (marketing mail, which honours the recipient's preferences when it is sent).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MailRequest(String template, String to, String orderId, String dedupKey, String marketingId, String link) {

    public MailRequest(String template, String to, String orderId, String dedupKey, String marketingId) {
        this(template, to, orderId, dedupKey, marketingId, null);
    }

    /** The request, as queue message, for the mail that asks the owner of a new address to confirm it. */
    public static String confirmation(String to, String link) {
        return Json.write(new MailRequest("email_confirm", to, null, null, null, link));
    }

    /** The request, as queue message, for one mail of this template about the order (sent once per order). */
    public static String aboutOrder(String template, String to, String orderId) {
        return Json.write(new MailRequest(template, to, orderId, orderId + ":" + template, null));
    }

    /** The request, as queue message, for the marketing mail of one MarketingQueue record. */
    public static String marketing(String template, String to, String marketingId) {
        return Json.write(new MailRequest(template, to, null, marketingId, marketingId));
    }
}
