package org.camelshop.catalog;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camelshop.platform.ApiException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Converts products to and from DynamoDB items of the {@code Products} table. */
public final class ProductItems {

    /** The table key of a product id; a malformed id is a 400 before any read. */
    public Map<String, AttributeValue> keyOf(String productId) {
        return Map.of("product_id", AttributeValue.fromS(ProductQuery.validProductId(productId)));
    }

    /** The item of a GetItem call as a product the shop shows, or a 404 (none, draft, archived or deleted). */
    public Product found(String productId, Map<String, AttributeValue> item) {
        Product product = item == null || item.isEmpty() ? null : fromItem(item);
        if (product == null || !Product.ACTIVE.equals(product.status())) {
            throw ApiException.notFound("Product " + productId);
        }
        return product;
    }

    public Map<String, AttributeValue> toItem(Product p) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("product_id", AttributeValue.fromS(p.productId()));
        item.put("name", AttributeValue.fromS(p.name()));
        putString(item, "description", p.description());
        item.put("price", number(p.price()));
        item.put("category", AttributeValue.fromS(p.category()));
        putString(item, "subcategory", p.subcategory());
        putString(item, "image_url", p.imageUrl());
        if (p.images() != null && !p.images().isEmpty()) {
            item.put("images", AttributeValue.fromL(p.images().stream().map(AttributeValue::fromS).toList()));
        }
        putString(item, "sku", p.sku());
        item.put("stock_quantity", number(p.stockQuantity()));
        item.put("digital_download", AttributeValue.fromBool(p.digitalDownload()));
        putString(item, "download_url", p.downloadUrl());
        if (p.weight() != null) {
            item.put("weight", number(p.weight()));
        }
        if (p.dimensions() != null && !p.dimensions().isEmpty()) {
            Map<String, AttributeValue> dims = new LinkedHashMap<>();
            p.dimensions().forEach((k, v) -> dims.put(k, number(v)));
            item.put("dimensions", AttributeValue.fromM(dims));
        }
        if (p.featured()) {
            // sparse featured-created_at-index: only featured products carry the attribute
            item.put("featured", AttributeValue.fromS("true"));
        }
        item.put("status", AttributeValue.fromS(p.status()));
        if (p.tags() != null && !p.tags().isEmpty()) {
            item.put("tags", AttributeValue.fromL(p.tags().stream().map(AttributeValue::fromS).toList()));
        }
        item.put("created_at", AttributeValue.fromS(p.createdAt()));
        item.put("updated_at", AttributeValue.fromS(p.updatedAt()));
        item.put("sales_count", number(p.salesCount()));
        item.put("rating", AttributeValue.fromN(Double.toString(p.rating())));
        item.put("review_count", number(p.reviewCount()));
        // running sum behind the average, so a new review can update it atomically (ProductRepository.adjustRating)
        item.put("rating_total", number(Math.round(p.rating() * p.reviewCount())));
        item.put("cache_version", number(p.cacheVersion()));
        if (p.hasVariants()) {
            item.put("options", AttributeValue.fromL(p.options().stream().map(o -> AttributeValue.fromM(Map.of("name", AttributeValue.fromS(o.name()),
                    "values", AttributeValue.fromL(o.values().stream().map(AttributeValue::fromS).toList())))).toList()));
            // keyed by variant id, so a stock move can address one variant's stock with a document path
            Map<String, AttributeValue> variants = new LinkedHashMap<>();
            p.variants().forEach(v -> variants.put(v.variantId(), AttributeValue.fromM(variantItem(v))));
            item.put("variants", AttributeValue.fromM(variants));
        }
        return item;
    }

    public Product fromItem(Map<String, AttributeValue> item) {
        return new Product(
                string(item, "product_id"),
                string(item, "name"),
                string(item, "description"),
                longValue(item, "price"),
                string(item, "category"),
                string(item, "subcategory"),
                string(item, "image_url"),
                strings(item, "images"),
                string(item, "sku"),
                (int) longValue(item, "stock_quantity"),
                item.containsKey("digital_download") && Boolean.TRUE.equals(item.get("digital_download").bool()),
                string(item, "download_url"),
                item.containsKey("weight") ? (int) longValue(item, "weight") : null,
                dimensions(item),
                "true".equals(string(item, "featured")),
                string(item, "status"),
                strings(item, "tags"),
                string(item, "created_at"),
                string(item, "updated_at"),
                longValue(item, "sales_count"),
                item.containsKey("rating") ? Double.parseDouble(item.get("rating").n()) : 0.0,
                (int) longValue(item, "review_count"),
                longValue(item, "cache_version"),
                options(item),
                variants(item));
    }

    /** The document path of a variant's stock inside the product item, with {@code #v} naming the variant id. */
    public static final String VARIANT_STOCK = "variants.#v.stock";

    private static Map<String, AttributeValue> variantItem(Variant v) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("sku", AttributeValue.fromS(v.sku()));
        Map<String, AttributeValue> chosen = new LinkedHashMap<>();
        v.options().forEach((k, value) -> chosen.put(k, AttributeValue.fromS(value)));
        m.put("options", AttributeValue.fromM(chosen));
        if (v.price() != null) {
            m.put("price", number(v.price()));
        }
        m.put("stock", number(v.stock()));
        putString(m, "image", v.image());
        return m;
    }

    private static List<Variant.Option> options(Map<String, AttributeValue> item) {
        AttributeValue value = item.get("options");
        if (value == null || !value.hasL()) {
            return null;
        }
        return value.l().stream().map(o -> new Variant.Option(o.m().get("name").s(), strings(o.m(), "values"))).toList();
    }

    /** The variants in the order a buyer reads them: by the position of each value in its option. */
    private static List<Variant> variants(Map<String, AttributeValue> item) {
        AttributeValue value = item.get("variants");
        List<Variant.Option> options = options(item);
        if (value == null || !value.hasM() || options == null) {
            return null;
        }
        Comparator<Variant> order = (a, b) -> 0;
        for (Variant.Option option : options) {
            order = order.thenComparingInt(v -> option.values().indexOf(v.options().get(option.name())));
        }
        return value.m().entrySet().stream().map(e -> {
            Map<String, AttributeValue> m = e.getValue().m();
            Map<String, String> chosen = new LinkedHashMap<>();
            options.forEach(o -> chosen.put(o.name(), m.get("options").m().get(o.name()).s()));
            return new Variant(e.getKey(), string(m, "sku"), chosen, m.containsKey("price") ? longValue(m, "price") : null,
                    (int) longValue(m, "stock"), string(m, "image"));
        }).sorted(order.thenComparing(Variant::variantId)).toList();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void putString(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long longValue(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    private static Map<String, Integer> dimensions(Map<String, AttributeValue> item) {
        AttributeValue value = item.get("dimensions");
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, Integer> dims = new LinkedHashMap<>();
        value.m().forEach((k, v) -> dims.put(k, Integer.parseInt(v.n())));
        return dims;
    }
}
