package org.camelshop.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every mail template rendered the way email.yaml renders it (the freemarker component, HTML from .ftlh and text from
 * .ftl), checked for what the customer must read, and saved under target/mail-examples/ to look at.
 */
class MailRenderingTest {

    static final Path EXAMPLES = Path.of("target", "mail-examples");
    static final Brand BRAND = new Brand("Camel Shop", "https://shop.example", "https://shop.example" + BrandLogo.PATH, "#7a1f2b", "#ffffff",
            "#1d2330", "#f5f6f8", List.of("100 Congress Avenue", "Austin, TX 78701", "United States"),
            "https://shop.example/preferences.html", "usd");

    static final Mail.AddressConfirmation CONFIRMATION = new Mail.AddressConfirmation(
            "https://shop.example/api/preferences/confirm-email?token=a&b");
    /** The pictures of the examples: thumbnails of a sample mug and a sample hoodie in Navy, as the shop serves them. */
    static final String MUG_PICTURE = "/images/art/prod-0721/thumb.png";
    static final String HOODIE_PICTURE = "/images/art/prod-0301/thumb-navy.png";
    static final MarketingMail MARKETING = marketing(BRAND.shopUrl());

    private static CamelContext camel;
    private static ProducerTemplate producer;

    /** Both parts of one rendered mail. */
    record Rendered(String html, String text) {
    }

    @BeforeAll
    static void startCamel() throws IOException {
        camel = new DefaultCamelContext();
        camel.start();
        producer = camel.createProducerTemplate();
        Files.createDirectories(EXAMPLES);
    }

    @AfterAll
    static void stopCamel() {
        camel.stop();
    }

    static MarketingMail marketing(String shopUrl) {
        return new MarketingMail("Back in stock", "A product on your watchlist is available again.", "Use code X1 for 10 % off",
                List.of(new MarketingMail.Item("Hoodie <Large>", 4500, "https://shop.example/api/marketing/click/m1?url=%2Fproduct.html",
                        shopUrl + HOODIE_PICTURE)),
                "https://shop.example/api/marketing/click/m1?url=%2Fshop.html", "https://shop.example/api/marketing/open/m1",
                "https://shop.example/api/preferences/unsubscribe?token=t&kind=back_in_stock");
    }

    /** An order of two lines, one with a name that tries to inject markup, paid or not, with a discount and an address. */
    static OrderMail order(boolean paid, boolean downloads) {
        return order(BRAND.shopUrl(), paid, downloads);
    }

    static OrderMail order(String shopUrl, boolean paid, boolean downloads) {
        return new OrderMail("CS-20261130-ABC", "Ann <script>alert(1)</script>", "https://shop.example/orders.html?order=o-1&token=t",
                List.of(new OrderMail.Line("Mug <b>bold</b> & co", 2, 1250, 2500, shopUrl + MUG_PICTURE),
                        new OrderMail.Line("Study Bible", 1, 3999, 3999, null)),
                6499, 650, "SAVE10", 365, 599, 6813, "usd",
                List.of("Ann <script>alert(1)</script>", "1 Main St", "Austin, TX 78701", "US"),
                paid, paid, downloads, 30, "payment_timeout", "UPS", "1Z999", 2000, false, 6813);
    }

    /** Renders a mail as email.yaml does: the freemarker component, the HTML from .ftlh, the text from .ftl. */
    static Rendered render(ProducerTemplate producer, Brand brand, String template, Object content) {
        Mail mail = new Mail(template, "ann@example.com", "subject", content, brand, Map.of(), id -> { });
        return new Rendered(producer.requestBody("freemarker:templates/mail/" + template + ".ftlh", mail, String.class),
                producer.requestBody("freemarker:templates/mail/" + template + ".ftl", mail, String.class));
    }

    /** One example of every template, by the name its example is saved under. */
    static Map<String, Rendered> examples(ProducerTemplate producer, Brand brand) {
        Map<String, Rendered> examples = new java.util.LinkedHashMap<>();
        for (String template : List.of("order_received", "order_confirmed", "order_shipped", "order_cancelled", "order_refunded",
                "payment_duplicate_refunded")) {
            examples.put(template, render(producer, brand, template, order(brand.shopUrl(), !template.equals("order_received"), false)));
        }
        examples.put("email_confirm", render(producer, brand, "email_confirm", CONFIRMATION));
        examples.put("marketing", render(producer, brand, "marketing", marketing(brand.shopUrl())));
        return examples;
    }

    private static Rendered render(String template, Object content, String example) throws IOException {
        Rendered rendered = render(producer, BRAND, template, content);
        Files.writeString(EXAMPLES.resolve(example + ".html"), rendered.html());
        Files.writeString(EXAMPLES.resolve(example + ".txt"), rendered.text());
        return rendered;
    }

    /** What every order mail shows in both parts: lines, the totals, the address, the layout's footer. */
    private static void assertOrderSummary(Rendered mail) {
        assertTrue(mail.html().contains("Mug &lt;b&gt;bold&lt;/b&gt; &amp; co"), "product names are escaped in HTML");
        assertTrue(mail.html().contains("<img src=\"https://shop.example" + MUG_PICTURE + "\" width=\"56\" height=\"56\" "
                + "alt=\"Mug &lt;b&gt;bold&lt;/b&gt; &amp; co\""), "a PNG thumbnail per line, named in its alt text");
        assertTrue(mail.html().contains("2 × USD 12.50"));
        for (String amount : List.of("USD 25.00", "USD 39.99", "USD 64.99", "-USD 6.50", "USD 3.65", "USD 5.99", "USD 68.13")) {
            assertTrue(mail.html().contains(amount), amount + " in the HTML part");
            assertTrue(mail.text().contains(amount), amount + " in the text part");
        }
        assertTrue(mail.text().contains("2 x Mug <b>bold</b> & co  USD 25.00"), "the text part is plain: " + mail.text());
        assertTrue(mail.text().contains("Discount (SAVE10): -USD 6.50"));
        assertTrue(mail.html().contains("1 Main St<br>Austin, TX 78701<br>US"), "the shipping address");
        assertTrue(mail.text().contains("  Austin, TX 78701\n"));
        assertFalse(mail.html().contains("<script>"), "no customer text becomes markup");
        assertTrue(mail.html().contains("Ann &lt;script&gt;alert(1)&lt;/script&gt;"));
        assertBranded(mail);
    }

    private static void assertBranded(Rendered mail) {
        assertTrue(mail.html().contains("<img src=\"https://shop.example/images/logo.png\""), "the PNG logo, absolute");
        assertFalse(mail.html().contains(".svg"), "no SVG: Gmail and Outlook do not show it");
        assertTrue(mail.html().contains("background:#7a1f2b"), "the brand colour");
        assertTrue(mail.html().contains("100 Congress Avenue · Austin, TX 78701 · United States"), "the postal address in the footer");
        assertTrue(mail.html().contains("<a href=\"https://shop.example/preferences.html\""), "the preferences link");
        assertTrue(mail.text().contains("Camel Shop, 100 Congress Avenue, Austin, TX 78701, United States"));
        assertTrue(mail.text().contains("E-mail preferences: https://shop.example/preferences.html"));
        assertFalse(mail.text().contains("&lt;") || mail.text().contains("&amp;"), "nothing is HTML-escaped in the text part");
    }

    @Test
    void orderReceivedAsksForPaymentOnlyWhileUnpaid() throws IOException {
        Rendered unpaid = render("order_received", order(false, false), "order_received");
        assertOrderSummary(unpaid);
        assertTrue(unpaid.html().contains("<strong>CS-20261130-ABC</strong>"));
        assertTrue(unpaid.text().contains("Thank you for your order, Ann <script>alert(1)</script>"));
        assertTrue(unpaid.html().contains("Please complete payment within 30 minutes to keep your items reserved."));
        assertTrue(unpaid.text().contains("Please complete payment within 30 minutes"));
        assertTrue(unpaid.html().contains("href=\"https://shop.example/orders.html?order=o-1&amp;token=t\""), "the order link, escaped as an attribute");
        assertTrue(unpaid.text().contains("View your order: https://shop.example/orders.html?order=o-1&token=t"));

        Rendered paid = render("order_received", order(true, false), "order_received-paid");
        assertFalse(paid.html().contains("payment within") || paid.text().contains("payment within"), "no payment asked once paid");
        assertTrue(paid.text().contains("Your payment is received. We will e-mail you when your order ships."));
    }

    @Test
    void orderConfirmedTellsWhatHappensNext() throws IOException {
        Rendered goods = render("order_confirmed", order(true, false), "order_confirmed");
        assertOrderSummary(goods);
        assertTrue(goods.text().contains("we received your payment of USD 68.13"));
        assertTrue(goods.text().contains("will e-mail you the tracking number when it ships"));
        assertFalse(goods.text().contains("payment within"));

        Rendered downloads = render("order_confirmed", order(true, true), "order_confirmed-downloads");
        assertTrue(downloads.html().contains("Your downloads are ready on your order page."));
    }

    @Test
    void orderShippedGivesTheTracking() throws IOException {
        Rendered mail = render("order_shipped", order(true, false), "order_shipped");
        assertOrderSummary(mail);
        assertTrue(mail.html().contains("Tracking number: <strong>1Z999</strong>"));
        assertTrue(mail.text().contains("your parcel left us with UPS. Tracking number: 1Z999."));
        assertTrue(mail.text().contains("Your order page shows where your parcel is"));
    }

    @Test
    void orderCancelledSaysWhyAndWhatHappensToTheMoney() throws IOException {
        Rendered unpaid = render("order_cancelled", order(false, false), "order_cancelled");
        assertOrderSummary(unpaid);
        assertTrue(unpaid.text().contains("we did not receive payment in time"));
        assertTrue(unpaid.text().contains("Nothing has been charged."));
        assertTrue(unpaid.text().contains("Back to the shop: https://shop.example/"));
        Rendered paid = render("order_cancelled", order(true, false), "order_cancelled-paid");
        assertTrue(paid.html().contains("Your payment is refunded in full"));
    }

    @Test
    void orderRefundedShowsTheAmountAndWhetherTheRestStands() throws IOException {
        Rendered mail = render("order_refunded", order(true, false), "order_refunded");
        assertOrderSummary(mail);
        assertTrue(mail.html().contains("we have refunded <strong>USD 20.00</strong> in all of your payment of USD 68.13"));
        assertTrue(mail.text().contains("The rest of your order stands."));
    }

    @Test
    void duplicatePaymentRefundedSaysNothingElseChanges() throws IOException {
        Rendered mail = render("payment_duplicate_refunded", order(true, false), "payment_duplicate_refunded");
        assertOrderSummary(mail);
        assertTrue(mail.html().contains("a second payment of <strong>USD 68.13</strong> arrived"));
        assertTrue(mail.text().contains("Nothing else changes: your order goes ahead as planned."));
    }

    @Test
    void addressConfirmationCarriesTheLink() throws IOException {
        Rendered mail = render("email_confirm", CONFIRMATION, "email_confirm");
        assertBranded(mail);
        assertTrue(mail.html().contains("href=\"https://shop.example/api/preferences/confirm-email?token=a&amp;b\""));
        assertTrue(mail.text().contains("Confirm it here: https://shop.example/api/preferences/confirm-email?token=a&b"));
    }

    @Test
    void marketingListsTheProductsAndCanBeUnsubscribed() throws IOException {
        Rendered mail = render("marketing", MARKETING, "marketing");
        assertBranded(mail);
        assertTrue(mail.html().contains(">Hoodie &lt;Large&gt;</a></td>"));
        assertTrue(mail.html().contains("<img src=\"https://shop.example" + HOODIE_PICTURE + "\" width=\"56\" height=\"56\" "
                + "alt=\"Hoodie &lt;Large&gt;\""), "a PNG thumbnail per product, named in its alt text (it is a link)");
        assertTrue(mail.html().contains(">USD 45.00</td>"));
        assertTrue(mail.text().contains("- Hoodie <Large> (USD 45.00): https://shop.example/api/marketing/click/m1?url=%2Fproduct.html"));
        assertTrue(mail.html().contains("href=\"https://shop.example/api/preferences/unsubscribe?token=t&amp;kind=back_in_stock\""));
        assertTrue(mail.text().contains("Unsubscribe from these mails: https://shop.example/api/preferences/unsubscribe?token=t&kind=back_in_stock"));
        assertTrue(mail.text().contains("Use code X1 for 10 % off"));
    }

    @Test
    void anUnknownTemplateIsAnError() {
        assertThrows(CamelExecutionException.class, () -> render("no_such_template", order(true, false), "none"));
    }

    @Test
    void buildsAMultipartAlternativeMessage() throws Exception {
        var message = MimeMessages.build("shop@example.com", "ann@example.com", "Grüße", "<p>hi</p>", "hi",
                Map.of("List-Unsubscribe", "<https://shop.example/u>"));
        assertEquals("Grüße", message.getSubject());
        assertEquals("<https://shop.example/u>", message.getHeader("List-Unsubscribe", null));
        var parts = (jakarta.mail.internet.MimeMultipart) message.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
    }
}
