package org.camelshop.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.order.Order;
import org.camelshop.order.OrderRepository;
import org.camelshop.platform.Parameters;
import org.camelshop.pricing.Quote.PricedLine;

/**
 * {@code GET /api/admin/analytics?days=30&low_stock=10}: sales per day (paid orders by order date, UTC, every day of
 * the window present), the ten best-selling products in the window by revenue, orders per status, and active
 * physical products whose stock is at or under the threshold, lowest first. Computed from a scan: fine for an admin
 * page at the seed's scale, not for a public endpoint.
 */
public final class SalesAnalytics {

    /** Orders that brought money in (refunded ones did not, in the end). */
    private static final Set<String> SOLD = Set.of("confirmed", "processing", "shipped", "delivered");
    private final OrderRepository orders;
    private final ProductRepository products;
    private final Clock clock;

    public SalesAnalytics(OrderRepository orders, ProductRepository products, Clock clock) {
        this.orders = orders;
        this.products = products;
        this.clock = clock;
    }

    public Map<String, Object> report(Map<String, Object> parameters) {
        int days = Parameters.wholeNumber(parameters.get("days"), "days", 30, 1, 365);
        int lowStock = Parameters.wholeNumber(parameters.get("low_stock"), "low_stock", 10, 0, 100_000);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = today.minusDays(days - 1L);
        TreeMap<String, long[]> perDay = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            perDay.put(d.toString(), new long[2]);
        }
        Map<String, long[]> perProduct = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        long revenue = 0;
        long count = 0;
        for (Order order : (Iterable<Order>) orders.all(Optional.empty())::iterator) {
            byStatus.merge(order.orderStatus(), 1, Integer::sum);
            String day = order.orderDate() == null || order.orderDate().length() < 10 ? "" : order.orderDate().substring(0, 10);
            long[] bucket = perDay.get(day);
            if (bucket == null || !SOLD.contains(order.orderStatus())) {
                continue;
            }
            bucket[0]++;
            bucket[1] += order.total();
            count++;
            revenue += order.total();
            for (PricedLine line : order.items()) {
                // a product with options counts per variant: which size sells is what a restock needs to know
                String key = line.variantId() == null ? line.productId() : line.productId() + "/" + line.variantId();
                long[] p = perProduct.computeIfAbsent(key, k -> new long[2]);
                p[0] += line.quantity();
                p[1] += line.lineTotal();
                names.put(key, line.title());
            }
        }
        List<Map<String, Object>> sales = new ArrayList<>();
        perDay.forEach((day, v) -> sales.add(row("date", day, "orders", v[0], "revenue", v[1])));
        List<Map<String, Object>> top = perProduct.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed().thenComparing(Map.Entry::getKey))
                .limit(10)
                .map(e -> soldRow(e.getKey(), names.get(e.getKey()), e.getValue()))
                .toList();
        List<Map<String, Object>> low = products.all()
                .filter(p -> Product.ACTIVE.equals(p.status()) && !p.digitalDownload())
                .flatMap(SalesAnalytics::stockRows)
                .filter(r -> (int) r.get("stock_quantity") <= lowStock)
                .sorted(Comparator.comparingInt((Map<String, Object> r) -> (int) r.get("stock_quantity")).thenComparing(r -> (String) r.get("name")))
                .limit(50)
                .toList();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("days", days);
        report.put("from", first.toString());
        report.put("to", today.toString());
        report.put("orders", count);
        report.put("revenue", revenue);
        report.put("sales_per_day", sales);
        report.put("top_products", top);
        report.put("orders_by_status", byStatus);
        report.put("low_stock_threshold", lowStock);
        report.put("low_stock", low);
        return report;
    }

    /** A top seller: a product, or one variant of it ({@code <product>/<variant>}) with {@code variant_id}. */
    private static Map<String, Object> soldRow(String key, String name, long[] sold) {
        int slash = key.indexOf('/');
        Map<String, Object> row = row("product_id", slash < 0 ? key : key.substring(0, slash), "name", name, "quantity", sold[0], "revenue", sold[1]);
        if (slash >= 0) {
            row.put("variant_id", key.substring(slash + 1));
        }
        return row;
    }

    /** The stock rows of a product: itself, or each of its variants (the one that runs low is what needs restocking). */
    private static Stream<Map<String, Object>> stockRows(Product p) {
        if (!p.hasVariants()) {
            return Stream.of(row("product_id", p.productId(), "name", p.name(), "sku", p.sku(), "stock_quantity", p.stockQuantity()));
        }
        return p.variants().stream().map(v -> row("product_id", p.productId(), "name", p.name() + " \u2014 " + v.label(p.options()),
                "sku", v.sku(), "stock_quantity", v.stock(), "variant_id", v.variantId()));
    }

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }
}
