package org.camelshop.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camelshop.platform.DynamoItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The ProductViews table. Rows past their TTL are filtered on every read: DynamoDB deletes them only eventually, and
 * the local emulator never does.
 */
public final class ProductViews implements ViewHistory {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ProductViews(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Writes the row; the same event written twice is the same row. */
    public void put(ProductView view) {
        dynamoDb.putItem(r -> r.tableName(table).item(DynamoItems.toItem(view)));
    }

    @Override
    public List<ProductView> forUser(String userId, Instant since, Instant now) {
        return query("user_id-timestamp-index", "user_id", userId, since, now, Integer.MAX_VALUE);
    }

    /** A product's most recent rows since {@code since}, at most {@code limit}. */
    public List<ProductView> forProduct(String productId, Instant since, Instant now, int limit) {
        return query("product_id-timestamp-index", "product_id", productId, since, now, limit);
    }

    /** A scan: the marketing scans read the whole window once. */
    @Override
    public Stream<ProductView> since(Instant since, Instant now) {
        return dynamoDb.scanPaginator(r -> r.tableName(table)
                        .filterExpression("#ts >= :since AND expires_at > :now")
                        .expressionAttributeNames(Map.of("#ts", "timestamp"))
                        .expressionAttributeValues(Map.of(":since", AttributeValue.fromS(since.toString()),
                                ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))))
                .items().stream().map(item -> DynamoItems.fromItem(item, ProductView.class));
    }

    /** Deletes every row of a user (their account is being deleted). */
    public void deleteUser(String userId, Instant now) {
        forUser(userId, Instant.EPOCH, now).forEach(view -> dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of(
                "view_id", AttributeValue.fromS(view.viewId()), "timestamp", AttributeValue.fromS(view.timestamp())))));
    }

    private List<ProductView> query(String index, String keyName, String key, Instant since, Instant now, int limit) {
        return dynamoDb.queryPaginator(r -> r.tableName(table).indexName(index)
                        .keyConditionExpression("#k = :k AND #ts >= :since")
                        .filterExpression("expires_at > :now")
                        .expressionAttributeNames(Map.of("#k", keyName, "#ts", "timestamp"))
                        .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key), ":since", AttributeValue.fromS(since.toString()),
                                ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                        .scanIndexForward(false))
                .items().stream().limit(limit).map(item -> DynamoItems.fromItem(item, ProductView.class)).toList();
    }
}
