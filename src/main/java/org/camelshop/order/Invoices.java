package org.camelshop.order;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.camelshop.pricing.Address;
import org.camelshop.pricing.Quote.PricedLine;

/**
 * {@code GET /api/orders/{id}/invoice}: the order as a one-or-more page A4 PDF (PDFBox, standard fonts), readable by
 * exactly who may read the order (the route asks {@link Orders#get} first). Text outside WinAnsi is replaced by '?'.
 */
public final class Invoices {

    private static final float MARGIN = 50;
    private static final float LINE = 15;
    private final String shopName;

    public Invoices(String shopName) {
        this.shopName = shopName;
    }

    /** Renders the order on the exchange and sets the PDF headers. */
    public byte[] render(Exchange exchange, Order order) {
        byte[] pdf = pdf(order);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/pdf");
        exchange.getMessage().setHeader("Content-Disposition", "attachment; filename=\"invoice-" + safe(order.orderNumber()) + ".pdf\"");
        exchange.getMessage().setHeader("Cache-Control", "private, no-store");
        return pdf;
    }

    byte[] pdf(Order order) {
        List<String[]> rows = new ArrayList<>();
        for (PricedLine line : order.items()) {
            rows.add(new String[] {line.name(), Integer.toString(line.quantity()), money(line.unitPrice()), money(line.lineTotal())});
        }
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            Writer w = new Writer(document, regular, bold);
            w.text(bold, 20, MARGIN, shopName + " - Invoice");
            w.gap(10);
            w.text(regular, 11, MARGIN, "Invoice for order " + order.orderNumber());
            w.text(regular, 11, MARGIN, "Order id: " + order.orderId());
            w.text(regular, 11, MARGIN, "Date: " + nullToDash(order.orderDate()));
            w.text(regular, 11, MARGIN, "Status: " + order.orderStatus() + " / payment " + order.paymentStatus());
            if (order.userEmail() != null) {
                w.text(regular, 11, MARGIN, "Customer: " + order.userEmail());
            }
            w.gap(6);
            address(w, bold, regular, "Bill to", order.billingAddress(), MARGIN);
            address(w, bold, regular, "Ship to", order.shippingAddress(), MARGIN);
            w.gap(6);
            w.row(bold, "Item", "Qty", "Unit price", "Amount");
            for (String[] row : rows) {
                w.row(regular, row);
            }
            w.gap(6);
            w.row(regular, "", "", "Subtotal", money(order.subtotal()));
            if (order.discount() > 0) {
                w.row(regular, "", "", "Discount" + (order.discountCode() == null ? "" : " (" + order.discountCode() + ")"), "-" + money(order.discount()));
            }
            w.row(regular, "", "", "Tax", money(order.tax()));
            w.row(regular, "", "", "Shipping", money(order.shipping()));
            w.row(bold, "", "", "Total (" + (order.currency() == null ? "usd" : order.currency()).toUpperCase(Locale.ROOT) + ")", money(order.total()));
            w.close();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("invoice for order " + order.orderId() + " could not be written", e);
        }
    }

    private static void address(Writer w, PDType1Font bold, PDType1Font regular, String title, Address a, float x) throws IOException {
        if (a == null) {
            return;
        }
        w.text(bold, 11, x, title);
        w.text(regular, 10, x, nullToDash(a.name()));
        w.text(regular, 10, x, nullToDash(a.line1()) + (a.line2() == null || a.line2().isBlank() ? "" : ", " + a.line2()));
        w.text(regular, 10, x, String.join(" ", nullToDash(a.city()), a.state() == null ? "" : a.state(), nullToDash(a.postalCode()), nullToDash(a.country())));
        w.gap(4);
    }

    static String money(long cents) {
        return String.format(Locale.ROOT, "%s%d.%02d", cents < 0 ? "-" : "", Math.abs(cents) / 100, Math.abs(cents) % 100);
    }

    private static String nullToDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    private static String safe(String value) {
        return value == null ? "order" : value.replaceAll("[^A-Za-z0-9_-]", "");
    }

    /** Writes lines top-down, starting a new page when one is full. */
    private static final class Writer {
        private final PDDocument document;
        private final PDType1Font regular;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument document, PDType1Font regular, PDType1Font bold) throws IOException {
            this.document = document;
            this.regular = regular;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = page.getMediaBox().getHeight() - MARGIN;
        }

        void gap(float points) {
            y -= points;
        }

        void text(PDType1Font font, float size, float x, String text) throws IOException {
            if (y < MARGIN + LINE) {
                newPage();
            }
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, y);
            stream.showText(printable(font, text));
            stream.endText();
            y -= Math.max(LINE, size + 4);
        }

        void row(PDType1Font font, String... cells) throws IOException {
            if (y < MARGIN + LINE) {
                newPage();
            }
            float[] columns = {MARGIN, 330, 380, 470};
            for (int i = 0; i < cells.length; i++) {
                String cell = i == 0 && cells[i].length() > 48 ? cells[i].substring(0, 47) + "..." : cells[i];
                stream.beginText();
                stream.setFont(font, 10);
                stream.newLineAtOffset(columns[i], y);
                stream.showText(printable(font, cell));
                stream.endText();
            }
            y -= LINE;
        }

        /** Characters the standard font cannot encode become '?', so customer text never breaks the invoice. */
        private String printable(PDType1Font font, String text) {
            StringBuilder out = new StringBuilder();
            text.codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                try {
                    font.encode(ch);
                    out.append(cp < 32 ? " " : ch);
                } catch (IllegalArgumentException | IOException e) {
                    out.append('?');
                }
            });
            return out.toString();
        }

        void close() throws IOException {
            stream.close();
        }
    }
}
