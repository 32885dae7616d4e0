package org.camelshop.order;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camelshop.platform.ApiException;

/**
 * {@code GET /api/orders/admin/export.csv}: every order (optionally one status, or a date range on order_date) as
 * RFC 4180 CSV, newest first, money in decimal units, the lines (with their variants) in the last column. Cells that a spreadsheet would run as a formula are prefixed
 * with an apostrophe.
 */
public final class OrderExport {

    static final List<String> COLUMNS = List.of("order_number", "order_id", "order_date", "user_email", "order_status",
            "payment_status", "payment_method", "items", "subtotal", "discount", "tax", "shipping", "total", "currency",
            "discount_code", "tracking_number", "carrier", "ship_to_country", "lines");

    private final OrderRepository orders;

    public OrderExport(OrderRepository orders) {
        this.orders = orders;
    }

    /** The orders (filtered by the query's status, from and to) as CSV text. */
    public String csv(Map<String, Object> parameters) {
        Optional<String> status = text(parameters, "status");
        if (status.isPresent() && !OrderStatus.ALL.contains(status.get())) {
            throw ApiException.invalidField("status", "must be one of " + OrderStatus.ALL);
        }
        Optional<String> from = text(parameters, "from").map(d -> date("from", d));
        Optional<String> to = text(parameters, "to").map(d -> date("to", d) + "\uffff");
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        orders.all(status)
                .filter(o -> from.isEmpty() || (o.orderDate() != null && o.orderDate().compareTo(from.get()) >= 0))
                .filter(o -> to.isEmpty() || (o.orderDate() != null && o.orderDate().compareTo(to.get()) <= 0))
                .forEach(o -> row(out, o));
        return out.toString();
    }

    private static void row(StringBuilder out, Order o) {
        int pieces = o.items() == null ? 0 : o.items().stream().mapToInt(l -> l.quantity()).sum();
        List<String> cells = List.of(n(o.orderNumber()), n(o.orderId()), n(o.orderDate()), n(o.userEmail()), n(o.orderStatus()),
                n(o.paymentStatus()), n(o.paymentMethod()), Integer.toString(pieces), Invoices.money(o.subtotal()),
                Invoices.money(o.discount()), Invoices.money(o.tax()), Invoices.money(o.shipping()), Invoices.money(o.total()),
                n(o.currency()), n(o.discountCode()), n(o.trackingNumber()), n(o.carrier()),
                o.shippingAddress() == null ? "" : n(o.shippingAddress().country()), lines(o));
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** What was bought, variant by variant: "2 x Faith Over Fear Tee — M / Navy; 1 x Blessed Mug". */
    private static String lines(Order o) {
        return o.items() == null ? "" : o.items().stream().map(l -> l.quantity() + " x " + l.title()).collect(Collectors.joining("; "));
    }

    /** One CSV cell: quoted when needed, formula-looking text defused. */
    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String n(String value) {
        return value == null ? "" : value;
    }

    private static Optional<String> text(Map<String, Object> parameters, String name) {
        return Optional.ofNullable(parameters.get(name)).map(Object::toString).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static String date(String field, String value) {
        if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw ApiException.invalidField(field, "must be a date like 2026-11-25");
        }
        return value;
    }
}
