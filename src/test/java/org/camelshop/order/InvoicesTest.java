package org.camelshop.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camelshop.pricing.Address;
import org.camelshop.pricing.Quote.PricedLine;
import org.junit.jupiter.api.Test;

public class InvoicesTest {

    public static Order order(List<PricedLine> lines) {
        Address address = new Address("Zoë Ünicode 你好", "1 Main St", null, "Austin", "TX", "78701", "US");
        return new Order("o-1", "user-1", "CS-20261125-ABC", "zoe@example.com", lines, 4398, 440, 277, 0, 4235, "usd", "SAVE10",
                "stripe", null, "paid", address, address, "confirmed", null, null, null, null, "2026-11-25T04:00:00Z", null, null, null,
                List.of(), null, null, null, 1);
    }

    @Test
    void theInvoiceIsAPdfWithTheOrdersLinesAndTotals() throws IOException {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        byte[] pdf = new Invoices("Camel Shop").render(exchange, order(List.of(new PricedLine("p1", "Bible Study <Vol. 1>", 2199, 2, 4398, false))));
        assertEquals("application/pdf", exchange.getMessage().getHeader(Exchange.CONTENT_TYPE));
        assertTrue(exchange.getMessage().getHeader("Content-Disposition", String.class).contains("invoice-CS-20261125-ABC.pdf"));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("CS-20261125-ABC"), text);
            assertTrue(text.contains("Bible Study <Vol. 1>"), text);
            assertTrue(text.contains("42.35"), text);
            assertTrue(text.contains("-4.40"), text);
            assertTrue(text.contains("Zoë Ünicode ??"), "characters the font lacks become '?': " + text);
        }
    }

    @Test
    void manyLinesFlowOntoMorePages() throws IOException {
        List<PricedLine> lines = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            lines.add(new PricedLine("p" + i, "Item " + i, 100, 1, 100, false));
        }
        try (PDDocument document = Loader.loadPDF(new Invoices("Camel Shop").pdf(order(lines)))) {
            assertTrue(document.getNumberOfPages() >= 2);
            assertTrue(new PDFTextStripper().getText(document).contains("Item 119"));
        }
    }
}
