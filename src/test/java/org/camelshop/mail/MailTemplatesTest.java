package org.camelshop.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates();

    private static Map<String, String> values() {
        Map<String, String> values = new HashMap<>(Map.of("name", "Ann <script>", "order_number", "CS-1", "total", "USD 1.00",
                "payment_note", "Please pay within 30 minutes.", "order_url", "http://shop/orders.html?order=1", "lines_html", "<tr><td>1 × Mug</td></tr>",
                "lines_text", "1 x Mug"));
        return values;
    }

    @Test
    void escapesValuesInHtmlButNotInTextOrTrustedMarkup() {
        MailTemplates.Rendered mail = templates.render("order_received", values());
        assertTrue(mail.html().contains("Ann &lt;script&gt;"));
        assertTrue(mail.html().contains("<tr><td>1 × Mug</td></tr>"), "the renderer's own rows stay markup");
        assertTrue(mail.text().contains("Ann <script>"));
        assertTrue(mail.text().contains("1 x Mug"));
    }

    @Test
    void aMissingValueIsAnErrorNotABlank() {
        Map<String, String> values = values();
        values.remove("total");
        assertEquals("template value missing: total",
                assertThrows(IllegalArgumentException.class, () -> templates.render("order_received", values)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> templates.render("no_such_template", values()));
    }

    @Test
    void buildsAMultipartAlternativeMessage() throws Exception {
        var message = MimeMessages.build("shop@example.com", "ann@example.com", "Grüße", templates.render("order_received", values()),
                java.util.Map.of("List-Unsubscribe", "<https://shop.example/u>"));
        assertEquals("Grüße", message.getSubject());
        assertEquals("<https://shop.example/u>", message.getHeader("List-Unsubscribe", null));
        var parts = (jakarta.mail.internet.MimeMultipart) message.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
    }
}
