package org.camelshop.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.camelshop.pricing.Address;
import org.camelshop.pricing.Quote.PricedLine;
import org.junit.jupiter.api.Test;

public class InvoicesTest {

    private static final Invoices INVOICES = new Invoices(new Invoices.Seller("Camel Shop LLC", List.of("100 Congress Avenue", "Austin, TX 78701"),
            "US-EIN 12-3456789", ZoneId.of("America/Chicago")), address -> "TX".equals(address.state()) ? 1000 : 0);

    public static Order order(List<PricedLine> lines) {
        return order(lines, "paid", null, null);
    }

    /** An order of $43.98 less a 10 % code, 10 % tax (what the fake rate table says for Texas), paid on November 25. */
    static Order order(List<PricedLine> lines, String paymentStatus, Long refunded, Map<String, Map<String, String>> refunds) {
        Address address = new Address("Zoë Ünicode 你好", "1 Main St", null, "Austin", "TX", "78701", "US");
        return new Order("o-1", "user-1", "CS-20261125-ABC", "zoe@example.com", lines, 4398, 440, 396, 0, 4354, "usd", "SAVE10",
                "stripe", "pi_1", paymentStatus, address, address, "confirmed", null, null, null, null, "2026-11-25T04:00:00Z", null, null, null,
                List.of(), null, null, null, 1, "stripe", 4354L, refunded, "2026-11-25T04:05:00Z", null, null, refunds, null, null);
    }

    private static final List<PricedLine> BIBLE = List.of(new PricedLine("p1", "Bible Study <Vol. 1>", 2199, 2, 4398, false));

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void theInvoiceShowsTheSellerTheDatesTheLinesAndTheTaxRate() throws IOException {
        byte[] pdf = INVOICES.pdf(order(BIBLE));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "invoice-example.pdf"), pdf);
        String text = text(pdf);
        for (String seller : List.of("Camel Shop LLC", "100 Congress Avenue", "Austin, TX 78701", "Tax ID: US-EIN 12-3456789")) {
            assertTrue(text.contains(seller), seller + " in " + text);
        }
        assertTrue(text.contains("Invoice number CS-20261125-ABC"), text);
        assertTrue(text.contains("Order date November 24, 2026"), "the seller's day (Chicago), not UTC's: " + text);
        assertTrue(text.contains("Bible Study <Vol. 1> 2 21.99 43.98"), text);
        assertTrue(text.contains("Discount (SAVE10) -4.40"), text);
        assertTrue(text.contains("Tax (10 %) 3.96"), text);
        assertTrue(text.contains("Total 43.54"), text);
        assertTrue(text.contains("Zoë Ünicode ??"), "characters the font lacks become '?': " + text);
        assertFalse(text.contains("Refund"), "nothing refunded, no refunds section");
        assertEquals("attachment; filename=\"invoice-CS-20261125-ABC.pdf\"", INVOICES.contentDisposition(order(BIBLE)));
    }

    @Test
    void aLineOfAVariantNamesIt() throws IOException {
        PricedLine tee = new PricedLine("p2", "Faith Tee", 2500, 1, 2500, false, "m-navy", "M / Navy");
        assertTrue(text(INVOICES.pdf(order(List.of(tee)))).contains("Faith Tee \u2014 M / Navy 1 25.00 25.00"));
    }

    @Test
    void amountsAreRightAligned() throws IOException {
        Map<String, Float> rightEdges = new HashMap<>();
        PDFTextStripper edges = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                TextPosition last = positions.get(positions.size() - 1);
                rightEdges.put(text.replaceAll(".* ", ""), last.getXDirAdj() + last.getWidthDirAdj());
            }
        };
        try (PDDocument document = Loader.loadPDF(INVOICES.pdf(order(BIBLE)))) {
            edges.getText(document);
        }
        float amountColumn = rightEdges.get("43.98");
        for (String amount : List.of("-4.40", "3.96", "0.00", "43.54")) {
            assertEquals(amountColumn, rightEdges.get(amount), 0.5, amount + " ends where the line amount ends: " + rightEdges);
        }
    }

    @Test
    void aTaxRateThatNoLongerMatchesTheOrderIsNotPrinted() throws IOException {
        Invoices changedRates = new Invoices(new Invoices.Seller("Camel Shop LLC", List.of(), "", ZoneId.of("UTC")), address -> 825);
        String text = text(changedRates.pdf(order(BIBLE)));
        assertTrue(text.contains("Tax 3.96"), text);
        assertFalse(text.contains("Tax ID"), "no tax id configured, none printed");
    }

    @Test
    void refundsAreListedAsNegativeLinesWithTheNetTotal() throws IOException {
        Map<String, Map<String, String>> refunds = Map.of(
                "re_2", Map.of("amount", "1000", "reason", "damaged in transit", "refunded_at", "2026-11-28T15:00:00Z"),
                "re_1", Map.of("amount", "500", "reason", "", "refunded_at", "2026-11-26T15:00:00Z"));
        String text = text(INVOICES.pdf(order(BIBLE, "partially_refunded", 1500L, refunds)));
        assertTrue(text.contains("Refunds\nRefund of November 26, 2026 -5.00\nRefund of November 28, 2026 - damaged in transit -10.00"), text);
        assertTrue(text.contains("Total refunded -15.00"), text);
        assertTrue(text.contains("Net total 28.54"), text);
    }

    @Test
    void manyLinesFlowOntoMorePages() throws IOException {
        List<PricedLine> lines = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            lines.add(new PricedLine("p" + i, "Item " + i, 100, 1, 100, false));
        }
        try (PDDocument document = Loader.loadPDF(INVOICES.pdf(order(lines)))) {
            assertTrue(document.getNumberOfPages() >= 2);
            assertTrue(new PDFTextStripper().getText(document).contains("Item 119"));
        }
    }
}
