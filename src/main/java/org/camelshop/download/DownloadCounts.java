package org.camelshop.download;

import java.util.Map;

import org.camelshop.order.Order;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** How often each digital product of an order was downloaded: {@code download_counts.<product_id>} on the order's item. */
public final class DownloadCounts {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DownloadCounts(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Adds one download and answers the new count; atomic, so simultaneous downloads are all counted. */
    public long count(Order order, String productId) {
        Map<String, AttributeValue> key = Map.of("order_id", AttributeValue.fromS(order.orderId()), "user_id", AttributeValue.fromS(order.userId()));
        // a nested counter needs its map first; if_not_exists keeps one a concurrent download created
        dynamoDb.updateItem(r -> r.tableName(table).key(key)
                .updateExpression("SET download_counts = if_not_exists(download_counts, :empty)")
                .expressionAttributeValues(Map.of(":empty", AttributeValue.fromM(Map.of()))));
        var updated = dynamoDb.updateItem(r -> r.tableName(table).key(key)
                .updateExpression("ADD download_counts.#p :one")
                .expressionAttributeNames(Map.of("#p", productId))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(updated.attributes().get("download_counts").m().get(productId).n());
    }

    /** Every count of an order (product id to downloads so far). */
    public Map<String, Long> counts(Order order) {
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("order_id", AttributeValue.fromS(order.orderId()), "user_id", AttributeValue.fromS(order.userId())))
                .projectionExpression("download_counts")).item();
        if (item == null || !item.containsKey("download_counts")) {
            return Map.of();
        }
        Map<String, Long> counts = new java.util.TreeMap<>();
        item.get("download_counts").m().forEach((product, n) -> counts.put(product, Long.parseLong(n.n())));
        return counts;
    }
}
