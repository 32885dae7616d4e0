package org.camelshop.mail;

import java.util.Map;
import java.util.Optional;

/**
 * Where the e-mail sender gets a marketing mail's content (implemented by the marketing flow): the values for the
 * {@code marketing} template, or nothing when the mail must not go out (already sent, or the recipient opted out).
 */
public interface MarketingContent {

    /** A marketing mail ready to render: subject, template values and its one-click unsubscribe URL. */
    record Composed(String subject, Map<String, String> values, String unsubscribeUrl) {
    }

    Optional<Composed> compose(String marketingId);

    void sent(String marketingId, String messageId);
}
