package org.camelshop.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.platform.Parameters;

/** The catalog's overview reads: categories with counts, featured products, best sellers. */
public final class Catalog {

    public static final int DEFAULT_SHELF = 12;
    public static final int MAX_SHELF = 50;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Subcategory(String name, long count) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Category(String name, long count, List<Subcategory> subcategories) {
    }

    /** A short list of products: {@code {"items": [...]}}. */
    public record Shelf(List<Product> items) {
    }

    private final ProductRepository products;
    private final Categories known;

    public Catalog(ProductRepository products, Categories known) {
        this.products = products;
        this.known = known;
    }

    /** The shop's categories in display order, each with its subcategories and active-product counts. */
    public List<Category> categories() {
        Map<String, Map<String, Long>> counts = products.countsByCategory();
        List<Category> categories = new ArrayList<>();
        known.all().forEach(category -> {
            Map<String, Long> perSub = counts.getOrDefault(category.name(), Map.of());
            List<Subcategory> subs = category.subcategories().stream().map(s -> new Subcategory(s, perSub.getOrDefault(s, 0L))).toList();
            categories.add(new Category(category.name(), perSub.values().stream().mapToLong(Long::longValue).sum(), subs));
        });
        return categories;
    }

    /** The shop's product query from HTTP query parameters (Camel headers); a 400 names every invalid one. */
    public ProductQuery query(Map<String, Object> parameters) {
        return ProductQuery.fromParameters(parameters, known);
    }

    /** The admin's product query: as {@link #query}, plus {@code status}. */
    public ProductQuery adminQuery(Map<String, Object> parameters) {
        return ProductQuery.forAdmin(parameters, known);
    }

    public Shelf featured(String limit) {
        return new Shelf(products.featured(shelfSize(limit)));
    }

    public Shelf bestsellers(String limit) {
        return new Shelf(products.bestsellers(shelfSize(limit)));
    }

    /** {@code limit} of a shelf: 1 to 50, default 12. */
    public static int shelfSize(String limit) {
        return Parameters.wholeNumber(limit, "limit", DEFAULT_SHELF, 1, MAX_SHELF);
    }
}
