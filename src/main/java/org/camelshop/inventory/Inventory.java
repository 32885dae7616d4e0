package org.camelshop.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camelshop.catalog.ProductItems;
import org.camelshop.catalog.StockWatch;
import org.camelshop.platform.ResponseCache;
import org.camelshop.pricing.Quote.PricedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Stock changes, each one conditional write on the product: a line is taken only while {@code stock_quantity >= qty},
 * so concurrent buyers can never oversell. Each take records its reservation id ({@code <order>:<line>}) in the same
 * write, so a redelivered order message can never take a line twice; putting back removes it again. No
 * transactions needed, which dynalite lacks and which would not make this any safer on DynamoDB. A product running
 * out or coming back is told to the {@link StockWatch} (inventory-update-queue).
 */
public final class Inventory {

    private static final Logger LOG = LoggerFactory.getLogger(Inventory.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ProductItems items;
    private final ResponseCache cache;
    private final StockWatch watch;

    public Inventory(DynamoDbClient dynamoDb, String table, ProductItems items, ResponseCache cache, StockWatch watch) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.items = items;
        this.cache = cache;
        this.watch = watch;
    }

    /** What one line's take did: took the stock now, found it taken for this order already, or found too little. */
    private enum Take { TAKEN, ALREADY_TAKEN, SHORT }

    /**
     * Takes every shipped line of the order, or none: if a line is short, the lines this call took are put back (never
     * those a copy of this call took: two deliveries of one order message may run at once). Digital downloads are not
     * counted. Safe to repeat for the same order.
     */
    public boolean reserve(String orderId, String orderNumber, List<PricedLine> lines) {
        List<Integer> taken = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            PricedLine line = lines.get(index);
            if (line.digitalDownload()) {
                continue;
            }
            Take take = take(line, reservationId(orderId, index));
            if (take == Take.SHORT) {
                taken.forEach(i -> putBack(lines.get(i), reservationId(orderId, i)));
                LOG.info("Order {} short of {}: stock returned for {} line(s)", orderNumber, line.productId(), taken.size());
                return false;
            }
            if (take == Take.TAKEN) {
                taken.add(index);
            }
        }
        return true;
    }

    /** Returns the stock of every shipped line that is still reserved (cancel, unpaid timeout). Safe to repeat. */
    public void release(String orderId, List<PricedLine> lines) {
        for (int index = 0; index < lines.size(); index++) {
            PricedLine line = lines.get(index);
            if (!line.digitalDownload()) {
                putBack(line, reservationId(orderId, index));
            }
        }
    }

    private Take take(PricedLine line, String reservation) {
        try {
            var after = dynamoDb.updateItem(r -> r.tableName(table).key(items.keyOf(line.productId()))
                    .updateExpression("SET stock_quantity = stock_quantity - :q, cache_version = cache_version + :one ADD reservations :r")
                    .conditionExpression("stock_quantity >= :q AND #status = :active AND NOT contains(reservations, :rid)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":q", number(line.quantity()), ":one", number(1), ":active", AttributeValue.fromS("active"),
                            ":r", AttributeValue.fromSs(List.of(reservation)), ":rid", AttributeValue.fromS(reservation)))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            cache.invalidateProduct(line.productId());
            int stock = Integer.parseInt(after.get("stock_quantity").n());
            watch.changed(line.productId(), stock + line.quantity(), stock);
            return Take.TAKEN;
        } catch (ConditionalCheckFailedException e) {
            return alreadyReserved(line.productId(), reservation) ? Take.ALREADY_TAKEN : Take.SHORT;
        }
    }

    private void putBack(PricedLine line, String reservation) {
        try {
            var after = dynamoDb.updateItem(r -> r.tableName(table).key(items.keyOf(line.productId()))
                    .updateExpression("SET stock_quantity = stock_quantity + :q, cache_version = cache_version + :one DELETE reservations :r")
                    .conditionExpression("contains(reservations, :rid)")
                    .expressionAttributeValues(Map.of(":q", number(line.quantity()), ":one", number(1),
                            ":r", AttributeValue.fromSs(List.of(reservation)), ":rid", AttributeValue.fromS(reservation)))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            cache.invalidateProduct(line.productId());
            int stock = Integer.parseInt(after.get("stock_quantity").n());
            watch.changed(line.productId(), stock - line.quantity(), stock);
        } catch (ConditionalCheckFailedException e) {
            // not reserved (any more): nothing to put back
        }
    }

    /**
     * Forgets the order's reservation ids once its goods have left (shipped): their stock will never come back, and
     * products should not collect ids. Until then the ids make {@link #release} exact and repeatable.
     */
    public void settle(String orderId, List<PricedLine> lines) {
        for (int index = 0; index < lines.size(); index++) {
            PricedLine line = lines.get(index);
            if (!line.digitalDownload()) {
                String reservation = reservationId(orderId, index);
                dynamoDb.updateItem(r -> r.tableName(table).key(items.keyOf(line.productId()))
                        .updateExpression("DELETE reservations :r")
                        .expressionAttributeValues(Map.of(":r", AttributeValue.fromSs(List.of(reservation)))));
            }
        }
    }

    private boolean alreadyReserved(String productId, String reservation) {
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(items.keyOf(productId))
                .projectionExpression("reservations")).item();
        return item.containsKey("reservations") && item.get("reservations").ss().contains(reservation);
    }

    private static String reservationId(String orderId, int line) {
        return orderId + ":" + line;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
