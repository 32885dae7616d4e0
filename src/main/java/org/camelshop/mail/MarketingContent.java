package org.camelshop.mail;

import java.util.Optional;

/**
 * Where the e-mail sender gets a marketing mail's content (implemented by the marketing flow): what the
 * {@code marketing} template shows, or nothing when the mail must not go out (already sent, or the recipient opted out).
 */
public interface MarketingContent {

    /** A marketing mail ready to render: subject and content (with its one-click unsubscribe URL). */
    record Composed(String subject, MarketingMail content) {
    }

    Optional<Composed> compose(String marketingId);

    void sent(String marketingId, String messageId);
}
