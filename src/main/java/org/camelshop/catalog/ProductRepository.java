package org.camelshop.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The {@code Products} table. Listing narrows the read with the seed's indexes where a filter matches one
 * ({@code category-created_at-index}, the sparse {@code featured-created_at-index}) and filters, sorts and pages
 * the rest in memory; docs/catalog.md explains how this scales and where the cache takes over.
 */
public final class ProductRepository {

    private static final int BATCH_WRITE_LIMIT = 25;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ProductItems items;

    public ProductRepository(DynamoDbClient dynamoDb, String table, ProductItems items) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.items = items;
    }

    public ProductPage list(ProductQuery query) {
        List<Product> matching = candidates(query).map(items::fromItem).filter(query::matches)
                .sorted(comparator(query.sort())).toList();
        int from = Math.min((query.page() - 1) * query.pageSize(), matching.size());
        int to = Math.min(from + query.pageSize(), matching.size());
        return new ProductPage(matching.subList(from, to), query.page(), query.pageSize(), matching.size());
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

    public boolean isEmpty() {
        return dynamoDb.scan(r -> r.tableName(table).limit(1)).count() == 0;
    }

    /** Writes products in batches of 25, resending whatever DynamoDB leaves unprocessed. */
    public void saveAll(List<Product> products) {
        for (int start = 0; start < products.size(); start += BATCH_WRITE_LIMIT) {
            List<WriteRequest> batch = new ArrayList<>();
            products.subList(start, Math.min(start + BATCH_WRITE_LIMIT, products.size()))
                    .forEach(p -> batch.add(WriteRequest.builder().putRequest(r -> r.item(items.toItem(p))).build()));
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamoDb.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
            }
        }
    }
}
