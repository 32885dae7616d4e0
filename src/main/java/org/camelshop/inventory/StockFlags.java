package org.camelshop.inventory;

import java.util.Map;

import org.camelshop.catalog.ProductItems;
import org.camelshop.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The consumer of inventory-update-queue: flags a product that ran out ({@code out_of_stock_since}) and, when it
 * comes back, clears the flag and opens a new restock episode ({@code restocked_at}, {@code restock_episode}) for
 * the back-in-stock notices of its watchers. Each flag is a conditional write against the product's current stock,
 * so a redelivered or late event changes nothing: idempotent and safe in any order.
 */
public final class StockFlags implements StockEventHandler, RestockedProducts {

    private static final Logger LOG = LoggerFactory.getLogger(StockFlags.class);
    private static final AttributeValue ZERO = AttributeValue.fromN("0");

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ProductItems items;

    public StockFlags(DynamoDbClient dynamoDb, String table, ProductItems items) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.items = items;
    }

    @Override
    public boolean apply(String message) {
        StockEvent event = Json.read(message, StockEvent.class);
        if (event.productId() == null || event.occurredAt() == null) {
            throw new IllegalArgumentException("stock event without product_id or occurred_at: " + message);
        }
        switch (String.valueOf(event.type())) {
            case StockEvent.OUT_OF_STOCK -> {
                flag(event, "SET out_of_stock_since = :at", "stock_quantity <= :zero AND attribute_not_exists(out_of_stock_since)",
                        Map.of(":at", AttributeValue.fromS(event.occurredAt()), ":zero", ZERO));
                return false;
            }
            case StockEvent.BACK_IN_STOCK -> {
                return flag(event, "SET restocked_at = :at, restock_episode = if_not_exists(restock_episode, :zero) + :one"
                                + " REMOVE out_of_stock_since", "stock_quantity > :zero AND attribute_exists(out_of_stock_since)",
                        Map.of(":at", AttributeValue.fromS(event.occurredAt()), ":zero", ZERO, ":one", AttributeValue.fromN("1")));
            }
            default -> throw new IllegalArgumentException("unknown stock event type: " + event.type());
        }
    }

    @Override
    public String productOf(String message) {
        return Json.read(message, StockEvent.class).productId();
    }

    @Override
    public Restock restockOf(String productId) {
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(items.keyOf(productId))
                .projectionExpression("restock_episode, restocked_at")).item();
        return item.containsKey("restock_episode")
                ? new Restock(Long.parseLong(item.get("restock_episode").n()), item.get("restocked_at").s()) : new Restock(0, null);
    }

    private boolean flag(StockEvent event, String update, String condition, Map<String, AttributeValue> values) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(items.keyOf(event.productId()))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(product_id) AND " + condition)
                    .expressionAttributeValues(values));
            LOG.info("Product {} flagged {}", event.productId(), event.type());
            return true;
        } catch (ConditionalCheckFailedException e) {
            // already flagged, or the stock crossed back since: the event is stale
            return false;
        }
    }
}
