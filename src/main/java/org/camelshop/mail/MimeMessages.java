package org.camelshop.mail;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * A multipart/alternative (text + HTML) message, built with Jakarta Mail (Angus, which camel-aws2-ses brings);
 * aws2-ses sends a {@code jakarta.mail.Message} body with SES SendRawEmail.
 */
final class MimeMessages {

    static {
        // Jakarta Mail looks its StreamProvider up for every body part and encoder; without this name that is a
        // ServiceLoader scan of every jar on the class path, several times per mail
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeMessages() {
    }

    static MimeMessage build(String from, String to, String subject, String htmlBody, String textBody, Map<String, String> headers) {
        try {
            MimeMessage message = new MimeMessage(SESSION);
            for (var header : headers.entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            message.setFrom(new InternetAddress(from));
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(to));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(textBody, StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(htmlBody, StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);   // the plainest part first, as multipart/alternative requires
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new IllegalArgumentException("cannot build mail to " + to + ": " + e.getMessage(), e);
        }
    }
}
