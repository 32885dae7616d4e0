package org.camelshop.order;

import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** What a user has paid for, read from the Orders table's {@code user_id-order_date-index}. */
public final class PurchaseHistory {

    private static final Set<String> PAID = Set.of("paid", "partially_refunded");
    private final DynamoDbClient dynamoDb;
    private final String table;

    public PurchaseHistory(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** True when one of the user's paid orders has a line for the product. */
    public boolean hasPaidFor(String userId, String productId) {
        QueryRequest request = QueryRequest.builder().tableName(table).indexName("user_id-order_date-index")
                .keyConditionExpression("user_id = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))
                .projectionExpression("payment_status, #items")
                .expressionAttributeNames(Map.of("#items", "items"))
                .build();
        return dynamoDb.queryPaginator(request).items().stream()
                .filter(order -> order.containsKey("payment_status") && PAID.contains(order.get("payment_status").s()))
                .filter(order -> order.containsKey("items") && order.get("items").hasL())
                .flatMap(order -> order.get("items").l().stream())
                .anyMatch(line -> line.hasM() && line.m().containsKey("product_id") && productId.equals(line.m().get("product_id").s()));
    }
}
