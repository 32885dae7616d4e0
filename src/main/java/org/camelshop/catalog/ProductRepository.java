package org.camelshop.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.camelshop.platform.DynamoBatches;
import org.camelshop.platform.Page;
import org.camelshop.platform.SetClause;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The {@code Products} table. Listing narrows the read with the seed's indexes where a filter matches one
 * ({@code category-created_at-index}, the sparse {@code featured-created_at-index}) and filters, sorts and pages
 * the rest in memory; docs/catalog.md explains how this scales and where the cache takes over.
 */
public final class ProductRepository implements ProductLookup {

    private static final String SKU_GUARD = "sku#";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ProductItems items;

    public ProductRepository(DynamoDbClient dynamoDb, String table, ProductItems items) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.items = items;
    }

    public Page<Product> list(ProductQuery query) {
        List<Product> matching = candidates(query).map(items::fromItem).filter(query::matches)
                .sorted(comparator(query.sort())).toList();
        return Page.of(matching, query.page(), query.pageSize());
    }

    private Stream<Map<String, AttributeValue>> candidates(ProductQuery query) {
        if (query.category().isPresent()) {
            return queryIndex("category-created_at-index", "category", query.category().get());
        }
        if (query.featured().orElse(false)) {
            return queryIndex("featured-created_at-index", "featured", "true");
        }
        return dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).build()).items().stream();
    }

    private Stream<Map<String, AttributeValue>> queryIndex(String index, String attribute, String value) {
        QueryRequest request = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression("#k = :v")
                .expressionAttributeNames(Map.of("#k", attribute))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value)))
                .build();
        return dynamoDb.queryPaginator(request).items().stream();
    }

    private static Comparator<Product> comparator(ProductQuery.Sort sort) {
        Comparator<Product> order = switch (sort) {
            case NEWEST -> Comparator.comparing(Product::createdAt, Comparator.nullsLast(Comparator.reverseOrder()));
            case PRICE_ASC -> Comparator.comparingLong(Product::price);
            case PRICE_DESC -> Comparator.comparingLong(Product::price).reversed();
            case BESTSELLING -> Comparator.comparingLong(Product::salesCount).reversed();
            case RATING -> Comparator.comparingDouble(Product::rating).reversed()
                    .thenComparing(Comparator.comparingInt(Product::reviewCount).reversed());
        };
        return order.thenComparing(Product::productId);
    }

    /** Every product, whatever its status (a full scan: admin reports only). */
    public Stream<Product> all() {
        return dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).build()).items().stream().map(items::fromItem);
    }

    /** A product by id (strongly consistent), whatever its status. */
    @Override
    public Optional<Product> find(String productId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(items.keyOf(productId))).item();
        return item.isEmpty() ? Optional.empty() : Optional.of(items.fromItem(item));
    }

    /** Several products by id in one batch read (strongly consistent); ids with no product are simply absent. */
    public Map<String, Product> findAll(java.util.Collection<String> productIds) {
        Map<String, Product> found = new HashMap<>();
        DynamoBatches.get(dynamoDb, table, productIds.stream().map(items::keyOf).toList()).forEach(item -> {
            Product product = items.fromItem(item);
            found.put(product.productId(), product);
        });
        return found;
    }

    /** Stores a new product; false if the id is taken. */
    public boolean insert(Product product) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(items.toItem(product)).conditionExpression("attribute_not_exists(product_id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Writes the editable fields of {@code product} if nobody changed it since {@code expectedVersion} was read,
     * and moves {@code cache_version} on. Counters kept by other flows (sales_count, ratings) are left alone.
     */
    public boolean update(Product product, long expectedVersion) {
        Map<String, AttributeValue> changed = new HashMap<>(items.toItem(product));
        List.of("product_id", "created_at", "sales_count", "rating", "rating_total", "review_count", "cache_version").forEach(changed::remove);
        SetClause set = SetClause.of(changed);
        Map<String, String> names = new HashMap<>(set.names());
        Map<String, AttributeValue> values = new HashMap<>(set.values());
        List<String> removes = new ArrayList<>();
        for (String optional : List.of("featured", "description", "subcategory", "image_url", "images", "download_url", "weight", "dimensions", "tags", "options", "variants")) {
            if (!changed.containsKey(optional)) {
                names.put("#r" + removes.size(), optional);
                removes.add("#r" + removes.size());
            }
        }
        values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        values.put(":one", AttributeValue.fromN("1"));
        String expression = "SET " + set.assignments() + ", cache_version = cache_version + :one"
                + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(items.keyOf(product.productId()))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(product_id) AND cache_version = :expected")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Claims a SKU for a product with a guard item, so two products can never share one. */
    public boolean claimSku(String sku, String productId) {
        try {
            dynamoDb.putItem(r -> r.tableName(table)
                    .item(Map.of("product_id", AttributeValue.fromS(SKU_GUARD + sku), "owner", AttributeValue.fromS(productId)))
                    .conditionExpression("attribute_not_exists(product_id) OR #owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(productId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public void releaseSku(String sku, String productId) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("product_id", AttributeValue.fromS(SKU_GUARD + sku)))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(productId))));
        } catch (ConditionalCheckFailedException e) {
            // claimed by another product meanwhile: not ours to release
        }
    }

    /** Featured active products, newest first, from the sparse featured index. */
    public List<Product> featured(int limit) {
        return queryIndex("featured-created_at-index", "featured", "true").map(items::fromItem)
                .filter(p -> Product.ACTIVE.equals(p.status()))
                .sorted(comparator(ProductQuery.Sort.NEWEST)).limit(limit).toList();
    }

    /** Best-selling active products, read in sales order from {@code status-sales_count-index}. */
    public List<Product> bestsellers(int limit) {
        QueryRequest request = QueryRequest.builder().tableName(table).indexName("status-sales_count-index")
                .keyConditionExpression("#s = :active")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":active", AttributeValue.fromS(Product.ACTIVE)))
                .scanIndexForward(false)
                .limit(limit)
                .build();
        return dynamoDb.queryPaginator(request).items().stream().limit(limit).map(items::fromItem).toList();
    }

    /** Active products per category and subcategory. */
    public Map<String, Map<String, Long>> countsByCategory() {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        byStatus("#s = :status", Product.ACTIVE, "category, subcategory")
                .forEach(item -> counts.computeIfAbsent(item.get("category").s(), c -> new HashMap<>())
                        .merge(item.containsKey("subcategory") ? item.get("subcategory").s() : "", 1L, Long::sum));
        return counts;
    }

    /** What a category holds: its products that are not deleted, whatever their status, and how many are active. */
    public record CategoryCount(long products, long active) {
    }

    /** Per category, its products that are not deleted and the active ones among them (one projected scan). */
    public Map<String, CategoryCount> countsPerCategory() {
        Map<String, CategoryCount> counts = new HashMap<>();
        byStatus("attribute_exists(category) AND #s <> :status", Product.DELETED, "category, #s").forEach(item -> {
            long active = Product.ACTIVE.equals(item.get("status").s()) ? 1 : 0;
            counts.merge(item.get("category").s(), new CategoryCount(1, active),
                    (a, b) -> new CategoryCount(a.products() + b.products(), a.active() + b.active()));
        });
        return counts;
    }

    /** A projected scan of the products whose status passes {@code filter} (naming {@code #s} and {@code :status}). */
    private Stream<Map<String, AttributeValue>> byStatus(String filter, String status, String projection) {
        return dynamoDb.scanPaginator(ScanRequest.builder().tableName(table)
                        .filterExpression(filter)
                        .projectionExpression(projection)
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status)))
                        .build())
                .items().stream();
    }

    /** Ids of the products of a category that are not deleted (from {@code category-created_at-index}). */
    public List<String> idsInCategory(String category) {
        return queryIndex("category-created_at-index", "category", category).map(items::fromItem)
                .filter(p -> !Product.DELETED.equals(p.status())).map(Product::productId).toList();
    }

    /**
     * Adds one rating to (or, with a negative count, takes one from) a product's aggregate: running total and count
     * change atomically, then {@code rating} is set from them unless a concurrent change already moved the count
     * on — that change sets it from newer numbers.
     */
    public void adjustRating(String productId, int ratingDelta, int countDelta) {
        var updated = dynamoDb.updateItem(r -> r.tableName(table).key(items.keyOf(productId))
                .updateExpression("ADD rating_total :r, review_count :c SET cache_version = cache_version + :one")
                .conditionExpression("attribute_exists(product_id)")
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromN(Integer.toString(ratingDelta)),
                        ":c", AttributeValue.fromN(Integer.toString(countDelta)), ":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        long total = Long.parseLong(updated.get("rating_total").n());
        long count = Long.parseLong(updated.get("review_count").n());
        double rating = count <= 0 ? 0.0 : Math.round(total * 10.0 / count) / 10.0;
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(items.keyOf(productId))
                    .updateExpression("SET rating = :rating")
                    .conditionExpression("review_count = :count")
                    .expressionAttributeValues(Map.of(":rating", AttributeValue.fromN(Double.toString(rating)),
                            ":count", AttributeValue.fromN(Long.toString(count)))));
        } catch (ConditionalCheckFailedException e) {
            // a later rating change won the race and sets the rating itself
        }
    }

    public boolean isEmpty() {
        return dynamoDb.scan(r -> r.tableName(table).limit(1)).count() == 0;
    }

    /** Writes products in batches of 25, resending whatever DynamoDB leaves unprocessed. */
    public void saveAll(List<Product> products) {
        DynamoBatches.put(dynamoDb, table, products.stream().map(items::toItem).toList());
    }
}
