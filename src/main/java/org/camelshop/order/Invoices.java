package org.camelshop.order;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

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
 * exactly who may read the order (the route asks {@link Orders#get} first): the seller from {@code shop.seller.*},
 * dates in the seller's time zone, amounts right-aligned, the tax rate, and every refund as a negative line with the
 * net total. Text outside WinAnsi is replaced by '?'.
 */
public final class Invoices {

    /** Who sells: legal name, postal address lines, tax id (empty: not printed), and the zone the invoice is dated in. */
    public record Seller(String name, List<String> address, String taxId, ZoneId zone) {
        public Seller {
            address = List.copyOf(address);
        }
    }

    private static final float MARGIN = 50;
    private static final float RIGHT = PDRectangle.A4.getWidth() - MARGIN;
    private static final float LINE = 15;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH);
    private final Seller seller;
    private final ToIntFunction<Address> taxRates;

    /** {@code taxRates} gives the rate of tax, in basis points, on an order shipped to an address. */
    public Invoices(Seller seller, ToIntFunction<Address> taxRates) {
        this.seller = seller;
        this.taxRates = taxRates;
    }

    /** The {@code Content-Disposition} of the order's invoice: a download named after the order number. */
    public String contentDisposition(Order order) {
        String number = order.orderNumber() == null ? "order" : order.orderNumber().replaceAll("[^A-Za-z0-9_-]", "");
        return "attachment; filename=\"invoice-" + number + ".pdf\"";
    }

    public byte[] pdf(Order order) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Writer w = new Writer(document);
            float top = w.y;
            w.text(w.bold, 20, MARGIN, "Invoice");
            w.text(w.bold, 11, MARGIN, seller.name());
            for (String line : seller.address()) {
                w.text(w.regular, 10, MARGIN, line);
            }
            if (seller.taxId() != null && !seller.taxId().isBlank()) {
                w.text(w.regular, 10, MARGIN, "Tax ID: " + seller.taxId());
            }
            float left = w.y;
            w.y = top - 24;
            w.pair("Invoice number", order.orderNumber());
            w.pair("Invoice date", date(order.paidAt() != null ? order.paidAt() : order.orderDate()));
            w.pair("Order date", date(order.orderDate()));
            w.pair("Payment", order.paymentStatus() == null ? "-" : order.paymentStatus().replace('_', ' '));
            if (order.userEmail() != null) {
                w.pair("Customer", order.userEmail());
            }
            w.y = Math.min(left, w.y) - 10;
            top = w.y;
            address(w, "Bill to", order.billingAddress(), MARGIN);
            left = w.y;
            w.y = top;
            address(w, "Ship to", order.shippingAddress(), 330);
            w.y = Math.min(left, w.y) - 6;

            String currency = (order.currency() == null ? "usd" : order.currency()).toUpperCase(Locale.ROOT);
            w.row(w.bold, "Item", "Qty", "Unit price", "Amount (" + currency + ")");
            w.rule();
            for (PricedLine line : order.items()) {
                w.row(w.regular, line.title(), Integer.toString(line.quantity()), amount(line.unitPrice()), amount(line.lineTotal()));
            }
            w.rule();
            w.total(w.regular, "Subtotal", amount(order.subtotal()));
            if (order.discount() > 0) {
                w.total(w.regular, "Discount" + (order.discountCode() == null ? "" : " (" + order.discountCode() + ")"), amount(-order.discount()));
            }
            w.total(w.regular, "Tax" + taxRate(order), amount(order.tax()));
            w.total(w.regular, "Shipping", amount(order.shipping()));
            w.total(w.bold, "Total", amount(order.total()));
            refunds(w, order);
            w.close();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("invoice for order " + order.orderId() + " could not be written", e);
        }
    }

    /** Each refund as a negative line, oldest first, then what the customer paid in the end. */
    private void refunds(Writer w, Order order) throws IOException {
        if (order.refunds() == null || order.refunds().isEmpty()) {
            return;
        }
        w.y -= 8;
        w.text(w.bold, 11, MARGIN, "Refunds");
        List<Map<String, String>> refunds = new ArrayList<>(order.refunds().values());
        refunds.sort(Comparator.comparing(refund -> refund.getOrDefault("refunded_at", "")));
        long refunded = 0;
        for (Map<String, String> refund : refunds) {
            long cents = Long.parseLong(refund.getOrDefault("amount", "0"));
            refunded += cents;
            String reason = refund.getOrDefault("reason", "");
            w.row(w.regular, "Refund of " + date(refund.get("refunded_at")) + (reason.isBlank() ? "" : " - " + reason), "", "", amount(-cents));
        }
        w.rule();
        w.total(w.regular, "Total refunded", amount(-refunded));
        w.total(w.bold, "Net total", amount(order.total() - refunded));
    }

    /**
     * " (6.25 %)": the rate of the address the order ships to, when it is the rate the order's tax was computed with
     * (the rate table may have changed since; then the line says only "Tax").
     */
    private String taxRate(Order order) {
        int basisPoints = taxRates.applyAsInt(order.shippingAddress());
        BigDecimal rate = BigDecimal.valueOf(basisPoints, 4);
        long expected = BigDecimal.valueOf(order.subtotal() - order.discount()).multiply(rate).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return expected == order.tax() ? " (" + BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + " %)" : "";
    }

    private String date(String instant) {
        if (instant == null || instant.isBlank()) {
            return "-";
        }
        try {
            return DATE.format(Instant.parse(instant).atZone(seller.zone()));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    private static void address(Writer w, String title, Address a, float x) throws IOException {
        if (a == null) {
            return;
        }
        w.text(w.bold, 11, x, title);
        for (String line : OrderMails.addressLines(a)) {
            w.text(w.regular, 10, x, line);
        }
    }

    /** Cents as plain decimal ("-4.40"), as the CSV export writes them. */
    static String money(long cents) {
        return String.format(Locale.ROOT, "%s%d.%02d", cents < 0 ? "-" : "", Math.abs(cents) / 100, Math.abs(cents) % 100);
    }

    /** Cents as the invoice prints them, with thousands grouped ("1,234.50"). */
    private static String amount(long cents) {
        return String.format(Locale.ROOT, "%s%,d.%02d", cents < 0 ? "-" : "", Math.abs(cents) / 100, Math.abs(cents) % 100);
    }

    /** Writes lines top-down, starting a new page when one is full; numbers are right-aligned to their column's edge. */
    private static final class Writer {
        private static final float QTY = 370;
        private static final float UNIT = 460;
        private final PDDocument document;
        final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private PDPageContentStream stream;
        float y;

        Writer(PDDocument document) throws IOException {
            this.document = document;
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

        private void room() throws IOException {
            if (y < MARGIN + LINE) {
                newPage();
            }
        }

        void text(PDType1Font font, float size, float x, String text) throws IOException {
            room();
            show(font, size, x, text);
            y -= Math.max(LINE, size + 4);
        }

        /** A label and its value in the right-hand block at the top. */
        void pair(String label, String value) throws IOException {
            show(regular, 10, 330, label);
            show(bold, 10, 420, value == null ? "-" : value);
            y -= LINE;
        }

        void row(PDType1Font font, String item, String quantity, String unitPrice, String amount) throws IOException {
            room();
            show(font, 10, MARGIN, item.length() > 52 ? item.substring(0, 51) + "..." : item);
            right(font, QTY, quantity);
            right(font, UNIT, unitPrice);
            right(font, RIGHT, amount);
            y -= LINE;
        }

        /** A line of the totals: label right-aligned before the amount column. */
        void total(PDType1Font font, String label, String amount) throws IOException {
            room();
            right(font, UNIT, label);
            right(font, RIGHT, amount);
            y -= LINE;
        }

        void rule() throws IOException {
            stream.moveTo(MARGIN, y + LINE - 4);
            stream.lineTo(RIGHT, y + LINE - 4);
            stream.setLineWidth(0.5f);
            stream.stroke();
            y -= 4;
        }

        private void right(PDType1Font font, float edge, String text) throws IOException {
            String printable = printable(font, text);
            show(font, 10, edge - font.getStringWidth(printable) / 1000 * 10, printable);
        }

        private void show(PDType1Font font, float size, float x, String text) throws IOException {
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, y);
            stream.showText(printable(font, text));
            stream.endText();
        }

        /** Characters the standard font cannot encode become '?', so customer text never breaks the invoice. */
        private static String printable(PDType1Font font, String text) {
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
