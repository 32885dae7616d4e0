package org.camelshop.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.ApiException.FieldProblem;

/**
 * What an admin may send to create or change a product. Only these fields are read: server-owned ones
 * ({@code product_id}, {@code sales_count}, {@code rating}, {@code review_count}, {@code cache_version}, dates)
 * are not part of the record and so can never be set by a client. On update, absent fields keep their value.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProductInput(
        String name,
        String description,
        Long price,
        String category,
        String subcategory,
        String imageUrl,
        List<String> images,
        String sku,
        Integer stockQuantity,
        Boolean digitalDownload,
        String downloadUrl,
        Integer weight,
        Map<String, Integer> dimensions,
        Boolean featured,
        String status,
        List<String> tags,
        List<Variant.Option> options,
        List<Variant> variants) {

    public static final List<String> STATUSES = List.of("active", "draft", "archived");
    static final Pattern SKU = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern IMAGE = Pattern.compile("(/[\\w./-]{1,300})|(https://[\\w.-]+(:\\d+)?/[\\w./%-]{0,400})");
    private static final long MAX_PRICE = 100_000_000L;

    /** An edit that only moves a product to another category (and subcategory, or keeps its own when null). */
    public static ProductInput moveTo(String category, String subcategory) {
        return new ProductInput(null, null, null, category, subcategory, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The product this input makes of {@code base} (a new product's defaults, or the stored one), validated. */
    public Product applyTo(Product base, Categories categories) {
        List<Variant.Option> mergedOptions = options == null ? base.options() : noneIfEmpty(options);
        List<Variant> mergedVariants = variants == null ? base.variants()
                : noneIfEmpty(variants.stream().map(v -> ProductVariants.completed(v, mergedOptions, base)).toList());
        Product merged = new Product(
                base.productId(),
                pick(name == null ? null : name.trim(), base.name()),
                pick(description, base.description()),
                pick(price, base.price()),
                category == null ? base.category() : categories.canonical(category).orElse(category),
                pick(subcategory, base.subcategory()),
                pick(imageUrl, base.imageUrl()),
                pick(images, base.images()),
                pick(sku == null ? null : sku.trim().toUpperCase(Locale.ROOT), base.sku()),
                stockQuantity(base, mergedVariants),
                pick(digitalDownload, base.digitalDownload()),
                pick(downloadUrl, base.downloadUrl()),
                pick(weight, base.weight()),
                pick(dimensions, base.dimensions()),
                pick(featured, base.featured()),
                pick(status, base.status()),
                pick(tags, base.tags()),
                base.createdAt(), base.updatedAt(), base.salesCount(), base.rating(), base.reviewCount(), base.cacheVersion(),
                mergedOptions, mergedVariants);
        // variants first: a product with them holds their sum, which only makes sense once each is valid
        ProductVariants.validate(merged, stockQuantity != null && variants == null && merged.hasVariants());
        validate(merged, categories);
        return merged;
    }

    /** A product with variants holds what its variants hold; without, what the admin set. */
    private int stockQuantity(Product base, List<Variant> mergedVariants) {
        if (variants != null && mergedVariants != null) {
            return mergedVariants.stream().mapToInt(Variant::stock).sum();
        }
        return variants == null && base.hasVariants() ? base.stockQuantity() : pick(stockQuantity, base.stockQuantity());
    }

    /** An empty list clears the options (the product is sold without choices again). */
    private static <T> List<T> noneIfEmpty(List<T> values) {
        return values.isEmpty() ? null : values;
    }

    private static <T> T pick(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static void validate(Product p, Categories categories) {
        List<FieldProblem> problems = new ArrayList<>();
        check(problems, p.name() != null && !p.name().isBlank() && p.name().length() <= 200, "name", "must be 1 to 200 characters");
        check(problems, p.description() == null || p.description().length() <= 5000, "description", "must be at most 5000 characters");
        check(problems, p.price() >= 0 && p.price() <= MAX_PRICE, "price", "must be whole cents from 0 to " + MAX_PRICE);
        boolean knownCategory = p.category() != null && categories.names().contains(p.category());
        check(problems, knownCategory, "category", "must be one of " + categories.names());
        check(problems, !knownCategory || p.subcategory() == null || categories.isSubcategoryOf(p.category(), p.subcategory()),
                "subcategory", "must be a subcategory of the category");
        check(problems, p.sku() != null && SKU.matcher(p.sku()).matches(), "sku", "must be 1 to 64 letters, digits, '-' or '_'");
        check(problems, p.stockQuantity() >= 0 && p.stockQuantity() <= 1_000_000, "stock_quantity", "must be from 0 to 1000000");
        check(problems, p.imageUrl() == null || IMAGE.matcher(p.imageUrl()).matches(), "image_url", "must be a site path or an https URL");
        check(problems, p.images() == null || (p.images().size() <= 20 && p.images().stream().allMatch(i -> i != null && IMAGE.matcher(i).matches())),
                "images", "must be at most 20 site paths or https URLs");
        check(problems, p.weight() == null || (p.weight() >= 0 && p.weight() <= 1_000_000), "weight", "must be grams from 0 to 1000000");
        check(problems, p.dimensions() == null || p.dimensions().values().stream().allMatch(v -> v != null && v >= 0 && v <= 10_000),
                "dimensions", "must be centimetres from 0 to 10000");
        check(problems, STATUSES.contains(p.status()), "status", "must be one of " + STATUSES);
        check(problems, p.tags() == null || (p.tags().size() <= 20 && p.tags().stream().allMatch(t -> t != null && !t.isBlank() && t.length() <= 40)),
                "tags", "must be at most 20 tags of 1 to 40 characters");
        check(problems, p.downloadUrl() == null || p.downloadUrl().length() <= 500, "download_url", "must be at most 500 characters");
        if (!problems.isEmpty()) {
            throw ApiException.invalidInput(problems);
        }
    }

    private static void check(List<FieldProblem> problems, boolean ok, String field, String problem) {
        if (!ok) {
            problems.add(new FieldProblem(field, problem));
        }
    }
}
