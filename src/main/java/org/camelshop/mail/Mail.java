package org.camelshop.mail;

import java.util.Map;
import java.util.function.Consumer;

/**
 * One mail ready to render and send: its template ({@code templates/mail/<template>.ftlh} and {@code .ftl}), the
 * recipient and subject, what the template shows ({@link OrderMail}, {@link MarketingMail} or
 * {@link AddressConfirmation}), the brand, extra MIME headers, and what to do with SES's message id once it is sent.
 */
public record Mail(String template, String to, String subject, Object content, Brand brand, Map<String, String> headers,
                   Consumer<String> sent) {

    /** The content of the mail that asks the owner of a new address to confirm it. */
    public record AddressConfirmation(String confirmUrl) {
    }
}
