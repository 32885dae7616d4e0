package org.camelshop.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camelshop.platform.ApiException;
import org.camelshop.platform.ApiException.FieldProblem;

/**
 * A validated {@code GET /api/products} query: filters, sort and page. Every bad parameter is named in one 400. The
 * shop shows active products only; the admin's list ({@link #forAdmin}) may ask for drafts and archived ones.
 */
public record ProductQuery(
        Optional<String> category,
        Optional<String> subcategory,
        List<String> searchTerms,
        Optional<Long> minPrice,
        Optional<Long> maxPrice,
        Optional<Boolean> featured,
        Optional<Boolean> inStock,
        Sort sort,
        int page,
        int pageSize,
        String status) {

    public static final int DEFAULT_PAGE_SIZE = 24;
    public static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_SEARCH_LENGTH = 200;
    private static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public enum Sort {
        NEWEST, PRICE_ASC, PRICE_DESC, BESTSELLING, RATING;

        static Optional<Sort> parse(String value) {
            return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(value)).findFirst();
        }
    }

    /** Builds a query from HTTP query parameters (Camel headers); throws a 400 naming every invalid one. */
    public static ProductQuery fromParameters(Map<String, Object> parameters, Categories categories) {
        return parse(parameters, false, categories);
    }

    /** The admin's product list: as {@link #fromParameters}, plus {@code status} (active, draft or archived). */
    public static ProductQuery forAdmin(Map<String, Object> parameters, Categories categories) {
        return parse(parameters, true, categories);
    }

    private static ProductQuery parse(Map<String, Object> parameters, boolean admin, Categories categories) {
        Parser p = new Parser(parameters);
        Optional<String> category = p.text("category").map(c -> categories.canonical(c).orElseGet(() -> {
            p.problem("category", "must be one of " + categories.names());
            return c;
        }));
        Optional<String> subcategory = p.text("subcategory");
        if (category.isPresent() && subcategory.isPresent() && !categories.isSubcategoryOf(category.get(), subcategory.get())) {
            p.problem("subcategory", "is not a subcategory of " + category.get());
        }
        List<String> terms = p.text("q").map(q -> {
            if (q.length() > MAX_SEARCH_LENGTH) {
                p.problem("q", "must be at most " + MAX_SEARCH_LENGTH + " characters");
            }
            return Arrays.stream(q.toLowerCase(Locale.ROOT).split("\\s+")).filter(t -> !t.isBlank()).toList();
        }).orElse(List.of());
        Optional<Long> minPrice = p.cents("min_price");
        Optional<Long> maxPrice = p.cents("max_price");
        if (minPrice.isPresent() && maxPrice.isPresent() && minPrice.get() > maxPrice.get()) {
            p.problem("max_price", "must not be less than min_price");
        }
        Optional<Boolean> featured = p.bool("featured");
        Optional<Boolean> inStock = p.bool("in_stock");
        Sort sort = p.text("sort").map(s -> Sort.parse(s).orElseGet(() -> {
            p.problem("sort", "must be one of newest, price_asc, price_desc, bestselling, rating");
            return Sort.NEWEST;
        })).orElse(Sort.NEWEST);
        int page = p.integer("page", 1, 1, 100_000);
        int pageSize = p.integer("page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        String status = admin ? p.text("status").orElse(Product.ACTIVE) : Product.ACTIVE;
        if (!ProductInput.STATUSES.contains(status)) {
            p.problem("status", "must be one of " + ProductInput.STATUSES);
        }
        p.failIfInvalid();
        return new ProductQuery(category, subcategory, terms, minPrice, maxPrice, featured, inStock, sort, page, pageSize, status);
    }

    /** Rejects ids that could not name a product (wrong characters, too long) before any lookup. */
    public static String validProductId(String id) {
        if (id == null || !PRODUCT_ID.matcher(id).matches()) {
            throw ApiException.invalidInput(List.of(new FieldProblem("id", "must be 1-64 letters, digits, '-' or '_'")));
        }
        return id;
    }

    public boolean matches(Product product) {
        return status.equals(product.status())
                && subcategory.map(s -> s.equalsIgnoreCase(product.subcategory())).orElse(true)
                && minPrice.map(min -> product.price() >= min).orElse(true)
                && maxPrice.map(max -> product.price() <= max).orElse(true)
                && featured.map(f -> f == product.featured()).orElse(true)
                && inStock.map(s -> s == product.inStock()).orElse(true)
                && matchesSearch(product);
    }

    private boolean matchesSearch(Product product) {
        if (searchTerms.isEmpty()) {
            return true;
        }
        String text = (product.name() + " " + product.description() + " " + String.join(" ", product.tags())).toLowerCase(Locale.ROOT);
        return searchTerms.stream().allMatch(text::contains);
    }

    private static final class Parser {
        private final Map<String, Object> parameters;
        private final List<FieldProblem> problems = new ArrayList<>();

        Parser(Map<String, Object> parameters) {
            this.parameters = parameters;
        }

        void problem(String field, String text) {
            problems.add(new FieldProblem(field, text));
        }

        Optional<String> text(String name) {
            Object value = parameters.get(name);
            if (value instanceof List<?> list) {
                problem(name, "must be given once");
                return Optional.empty();
            }
            return Optional.ofNullable(value).map(Object::toString).map(String::trim).filter(s -> !s.isEmpty());
        }

        Optional<Long> cents(String name) {
            return text(name).flatMap(v -> {
                try {
                    long cents = Long.parseLong(v);
                    if (cents >= 0 && cents <= 100_000_000L) {
                        return Optional.of(cents);
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                problem(name, "must be a whole number of cents between 0 and 100000000");
                return Optional.empty();
            });
        }

        Optional<Boolean> bool(String name) {
            return text(name).flatMap(v -> {
                if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                    return Optional.of(Boolean.parseBoolean(v));
                }
                problem(name, "must be true or false");
                return Optional.empty();
            });
        }

        int integer(String name, int fallback, int min, int max) {
            return text(name).map(v -> {
                try {
                    int value = Integer.parseInt(v);
                    if (value >= min && value <= max) {
                        return value;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                problem(name, "must be a whole number from " + min + " to " + max);
                return fallback;
            }).orElse(fallback);
        }

        void failIfInvalid() {
            if (!problems.isEmpty()) {
                throw ApiException.invalidInput(problems);
            }
        }
    }
}
