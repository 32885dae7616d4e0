package org.camelshop.mail;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the e-mail sender gets an order mail's content (implemented by the order domain): subject and what the template
 * shows, or nothing when the mail must not go out (recorded as sent already, or the customer deleted their account).
 */
public interface OrderContent {

    /** An order mail ready to render; {@code sent} records it on its order with SES's message id. */
    record Composed(String subject, OrderMail content, Consumer<String> sent) {
    }

    /** The mail of this template about the order, recorded under {@code mailKey} once sent. */
    Optional<Composed> compose(String orderId, String template, String mailKey);
}
