package org.camelshop.inventory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * so concurrent buyers can never oversell. Which reservations ({@code <order>:<line>}) hold stock lives in their own
 * items ({@link ReservationRecords}), not in the product, so a bestseller's item does not grow with its orders.
 * DynamoDB transactions would tie the record to the stock write, but the local emulator (dynalite) has none, so a
 * move is done in steps that any later caller can finish: claim the record (a short lease), write the stock together
 * with an in-flight marker on the product (only while that one move is under way), record the outcome, drop the
 * marker. A caller that dies between steps leaves the marker, which tells its successor whether the stock moved.
 * A line of a product with options takes from its variant's stock ({@code variants.<id>.stock}) and the product's total
 * in the same conditional write, so the guarantee holds per variant.
 * A product running out or coming back is told to the {@link StockWatch} (inventory-update-queue).
 */
public final class Inventory implements StockKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(Inventory.class);
    /** Product attributes naming the takes and returns in flight (empty between moves). */
    private static final String TAKING = "reservations_taking";
    private static final String RETURNING = "reservations_returning";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ProductItems items;
    private final ResponseCache cache;
    private final StockWatch watch;
    private final ReservationRecords records;

    public Inventory(DynamoDbClient dynamoDb, String table, ProductItems items, ResponseCache cache, StockWatch watch,
            String reservationTable, Clock clock, InventorySettings settings) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.items = items;
        this.cache = cache;
        this.watch = watch;
        this.records = new ReservationRecords(dynamoDb, reservationTable, clock, settings.lease(), settings.keepFinished());
    }

    /** What one line's take did: took the stock now, found it taken for this order already, or found too little. */
    private enum Take { TAKEN, ALREADY_TAKEN, SHORT }

    /**
     * Takes every shipped line of the order, or none: if a line is short, the lines this call took are put back (never
     * those a copy of this call took: two deliveries of one order message may run at once). Digital downloads are not
     * counted. Safe to repeat for the same order.
     */
    @Override
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

    /**
     * Marks the order's reservations shipped once its goods have left: their stock will never come back, and the
     * records expire. Until then they make {@link #release} exact and repeatable.
     */
    public void settle(String orderId, List<PricedLine> lines) {
        for (int index = 0; index < lines.size(); index++) {
            if (!lines.get(index).digitalDownload()) {
                records.shipped(reservationId(orderId, index));
            }
        }
    }

    private Take take(PricedLine line, String reservation) {
        String owner = ReservationRecords.newOwner();
        if (!records.claimTake(reservation, line.productId(), line.variantId(), line.quantity(), owner)) {
            ReservationRecords.Stored stored = records.read(reservation).orElseThrow(() -> busy(reservation));
            if (stored.leasedElsewhere()) {
                throw busy(reservation);
            }
            return Take.ALREADY_TAKEN;
        }
        try {
            Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#taking", TAKING, "#returning", RETURNING));
            String variantStock = variantStock(line, names);
            var after = dynamoDb.updateItem(r -> r.tableName(table).key(items.keyOf(line.productId()))
                    .updateExpression("SET stock_quantity = stock_quantity - :q, cache_version = cache_version + :one"
                            + (variantStock == null ? "" : ", " + variantStock + " = " + variantStock + " - :q")
                            + " ADD #taking :r DELETE #returning :r")
                    .conditionExpression((variantStock == null ? "stock_quantity" : variantStock)
                            + " >= :q AND #status = :active AND NOT contains(#taking, :rid)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":q", number(line.quantity()), ":one", number(1), ":active", AttributeValue.fromS("active"),
                            ":r", AttributeValue.fromSs(List.of(reservation)), ":rid", AttributeValue.fromS(reservation)))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            stockChanged(line, after, line.quantity());
        } catch (ConditionalCheckFailedException e) {
            if (!inFlight(line.productId(), TAKING, reservation)) {
                records.drop(reservation, owner);
                return Take.SHORT;
            }
            // a caller that died after taking the stock: the take is ours to finish
        }
        records.held(reservation);
        forget(line.productId(), TAKING, reservation);
        return Take.TAKEN;
    }

    private void putBack(PricedLine line, String reservation) {
        String owner = ReservationRecords.newOwner();
        Optional<String> claimed = records.claimReturn(reservation, owner);
        if (claimed.isEmpty()) {
            if (records.read(reservation).map(ReservationRecords.Stored::leasedElsewhere).orElse(false)) {
                throw busy(reservation);
            }
            return; // not reserved (any more): nothing to put back
        }
        boolean taken = !ReservationRecords.TAKING.equals(claimed.get()) || inFlight(line.productId(), TAKING, reservation);
        if (taken) {
            try {
                Map<String, String> names = new HashMap<>(Map.of("#taking", TAKING, "#returning", RETURNING));
                String variantStock = variantStock(line, names);
                var after = dynamoDb.updateItem(r -> r.tableName(table).key(items.keyOf(line.productId()))
                        .updateExpression("SET stock_quantity = stock_quantity + :q, cache_version = cache_version + :one"
                                + (variantStock == null ? "" : ", " + variantStock + " = " + variantStock + " + :q")
                                + " ADD #returning :r DELETE #taking :r")
                        // a variant the admin has removed since gets nothing back (the product's sum stays its variants')
                        .conditionExpression("NOT contains(#returning, :rid)" + (variantStock == null ? "" : " AND attribute_exists(" + variantStock + ")"))
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":q", number(line.quantity()), ":one", number(1),
                                ":r", AttributeValue.fromSs(List.of(reservation)), ":rid", AttributeValue.fromS(reservation)))
                        .returnValues(ReturnValue.UPDATED_NEW)).attributes();
                stockChanged(line, after, -line.quantity());
            } catch (ConditionalCheckFailedException e) {
                // a caller that died after putting it back: only the record is left to finish
            }
        }
        records.returned(reservation);
        if (taken) {
            forget(line.productId(), RETURNING, reservation);
        }
    }

    /**
     * The document path of the line's variant stock ({@link ProductItems#VARIANT_STOCK}), naming the variant in
     * {@code names}; null for a product without options. Taking it in the same write as the product's total keeps the
     * two in step and the per-variant take atomic.
     */
    private static String variantStock(PricedLine line, Map<String, String> names) {
        if (line.variantId() == null) {
            return null;
        }
        names.put("#v", line.variantId());
        return ProductItems.VARIANT_STOCK;
    }

    private void stockChanged(PricedLine line, Map<String, AttributeValue> after, int taken) {
        String productId = line.productId();
        if (line.variantId() != null) {
            // UPDATED_NEW holds the one variant's new stock under variants.<id>.stock
            int variantStock = Integer.parseInt(after.get("variants").m().get(line.variantId()).m().get("stock").n());
            watch.variantChanged(productId, line.variantId(), variantStock + taken, variantStock);
        }
        int stock = Integer.parseInt(after.get("stock_quantity").n());
        int before = stock + taken;
        // lists show only whether a product is in stock
        if ((before > 0) != (stock > 0)) {
            cache.invalidateProduct(productId);
        } else {
            cache.invalidateProductOnly(productId);
        }
        watch.changed(productId, before, stock);
    }

    /** Whether the product still carries the in-flight marker of this reservation's move. */
    private boolean inFlight(String productId, String marker, String reservation) {
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(items.keyOf(productId))
                .projectionExpression("#m").expressionAttributeNames(Map.of("#m", marker))).item();
        return item.containsKey(marker) && item.get(marker).ss().contains(reservation);
    }

    /** Drops the in-flight marker once the record says how the move ended. */
    private void forget(String productId, String marker, String reservation) {
        dynamoDb.updateItem(r -> r.tableName(table).key(items.keyOf(productId))
                .updateExpression("DELETE #m :r").expressionAttributeNames(Map.of("#m", marker))
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromSs(List.of(reservation)))));
    }

    /** Another delivery is moving this reservation right now (or died doing so less than a lease ago): try later. */
    private static IllegalStateException busy(String reservation) {
        return new IllegalStateException("reservation " + reservation + " is being moved by another caller; retry after its lease");
    }

    private static String reservationId(String orderId, int line) {
        return orderId + ":" + line;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
