package org.camelshop.inventory;

import java.util.HashMap;
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
 * the back-in-stock notices of its watchers; its first return opens episode 1 even if running out was never flagged. Each flag is a conditional write against the product's current stock,
 * so a redelivered or late event changes nothing: idempotent and safe in any order. A variant's events flag the
 * variant the same way, against the variant's own stock ({@code out_of_stock_since:<variant_id>} and so on).
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
        Map<String, String> names = names(event.variantId());
        String stock = event.variantId() == null ? "stock_quantity" : ProductItems.VARIANT_STOCK;
        switch (String.valueOf(event.type())) {
            case StockEvent.OUT_OF_STOCK -> {
                flag(event, "SET #since = :at", stock + " <= :zero AND attribute_not_exists(#since)", names,
                        Map.of(":at", AttributeValue.fromS(event.occurredAt()), ":zero", ZERO));
                return false;
            }
            case StockEvent.BACK_IN_STOCK -> {
                return flag(event, "SET #restocked = :at, #episode = if_not_exists(#episode, :zero) + :one REMOVE #since",
                        // never flagged nor back before (sample stock, a lost or late out-of-stock event): it was at 0 all along
                        stock + " > :zero AND (attribute_exists(#since) OR attribute_not_exists(#episode))", names,
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
    public String variantOf(String message) {
        return Json.read(message, StockEvent.class).variantId();
    }

    @Override
    public Restock restockOf(String productId, String variantId) {
        Map<String, String> names = used(names(variantId), "#episode, #restocked");
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(items.keyOf(productId))
                .projectionExpression("#episode, #restocked").expressionAttributeNames(names)).item();
        String episode = names.get("#episode");
        return item.containsKey(episode)
                ? new Restock(Long.parseLong(item.get(episode).n()), item.get(names.get("#restocked")).s()) : new Restock(0, null);
    }

    /**
     * The flag attributes of the product, or of one variant: top-level attributes suffixed with the variant id, so an
     * admin's edit that rewrites the variants map keeps them.
     */
    private static Map<String, String> names(String variantId) {
        String suffix = variantId == null ? "" : ":" + variantId;
        Map<String, String> names = new HashMap<>(Map.of("#since", "out_of_stock_since" + suffix, "#restocked", "restocked_at" + suffix,
                "#episode", "restock_episode" + suffix));
        if (variantId != null) {
            names.put("#v", variantId);
        }
        return names;
    }

    /** The names the expression uses: DynamoDB refuses unused ones. */
    private static Map<String, String> used(Map<String, String> names, String expression) {
        Map<String, String> used = new HashMap<>(names);
        used.keySet().removeIf(name -> !expression.contains(name));
        return used;
    }

    private boolean flag(StockEvent event, String update, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(items.keyOf(event.productId()))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(product_id) AND " + condition)
                    .expressionAttributeNames(used(names, update + condition))
                    .expressionAttributeValues(values));
            LOG.info("Product {}{} flagged {}", event.productId(), event.variantId() == null ? "" : " variant " + event.variantId(), event.type());
            return true;
        } catch (ConditionalCheckFailedException e) {
            // already flagged, or the stock crossed back since: the event is stale
            return false;
        }
    }
}
