package org.camelshop.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductQuery;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.catalog.Variant;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.DynamoItems;
import org.camelshop.platform.PersonalRecords;
import org.camelshop.platform.SessionUser;
import org.camelshop.platform.provision.ResourcePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A logged-in user's watchlist (Watches table): add or re-set a watch, remove it, list it with current prices. The
 * table's sort key {@code watch_key} is the product id, or {@code <product_id>#<variant_id>} for a product with options,
 * so a shopper holds one watch per product without options and one per variant of a product with options.
 */
public final class Watchlist implements Watchers, PersonalRecords {

    /** Watches by product, for the back-in-stock notices of one product's (or variant's) watchers. */
    static final String BY_PRODUCT = "product_id-watch_key-index";
    private static final Logger LOG = LoggerFactory.getLogger(Watchlist.class);

    /**
     * What the page sends to watch a product; both notices are on unless switched off. A product with options is watched
     * per variant: {@code variant_id} is then required, and each variant watched is a watch of its own.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Watch(String productId, Long targetPrice, Boolean notifyOnPriceDrop, Boolean notifyOnRestock, String variantId) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ProductRepository products;
    private final Clock clock;

    public Watchlist(DynamoDbClient dynamoDb, String table, ProductRepository products, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.products = products;
        this.clock = clock;
    }

    /** Watches the product or variant; the same watch sent again (a replay) changes nothing. */
    public WatchItem add(Watch watch, SessionUser user) {
        String userId = user.userId();
        Product product = products.find(ProductQuery.validProductId(watch.productId()))
                .filter(p -> Product.ACTIVE.equals(p.status()))
                .orElseThrow(() -> ApiException.notFound("Product " + watch.productId()));
        if (watch.targetPrice() != null && (watch.targetPrice() < 1 || watch.targetPrice() > 100_000_000)) {
            throw ApiException.invalidField("target_price", "must be 1 to 100000000 cents");
        }
        Optional<Variant> variant = product.variant(watch.variantId());
        boolean onPriceDrop = !Boolean.FALSE.equals(watch.notifyOnPriceDrop()) && watch.targetPrice() != null;
        boolean onRestock = !Boolean.FALSE.equals(watch.notifyOnRestock());
        Optional<WatchItem> stored = find(userId, watchKey(product.productId(), variant.map(Variant::variantId).orElse(null)));
        if (stored.filter(w -> Objects.equals(w.targetPrice(), watch.targetPrice()) && w.notifyOnPriceDrop() == onPriceDrop
                && w.notifyOnRestock() == onRestock).isPresent()) {
            // set again as it is: its price-drop episode goes on, so a retried request mails nobody twice
            return current(stored.get());
        }
        String now = clock.instant().toString();
        WatchItem item = of(product, variant, userId, watch.targetPrice(), onPriceDrop, onRestock,
                stored.map(WatchItem::createdAt).orElse(now), now);
        dynamoDb.putItem(r -> r.tableName(table).item(itemOf(item)));
        return item;
    }

    /** Stops watching the variant, or without {@code variantId} the product (all its variants watched). */
    public void remove(String productId, String variantId, SessionUser user) {
        String userId = user.userId();
        ProductQuery.validProductId(productId);
        List<WatchItem> watches = forUser(userId)
                .filter(w -> w.productId().equals(productId) && (variantId == null || variantId.equals(w.variantId()))).toList();
        if (watches.isEmpty()) {
            throw ApiException.notFound("Watch of product " + productId + (variantId == null ? "" : " variant " + variantId));
        }
        watches.forEach(w -> dynamoDb.deleteItem(r -> r.tableName(table).key(key(userId, watchKey(w)))));
    }

    /** The user's watches, each with the product's price and stock as they are now. */
    public List<WatchItem> mine(SessionUser user) {
        return forUser(user.userId()).map(this::current).toList();
    }

    public Stream<WatchItem> forUser(String userId) {
        return dynamoDb.queryPaginator(r -> r.tableName(table).keyConditionExpression("user_id = :u")
                        .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId))))
                .items().stream().map(item -> DynamoItems.fromItem(item, WatchItem.class));
    }

    /** A scan: the price-drop and restock scans read them all once. */
    @Override
    public Stream<WatchItem> all() {
        return dynamoDb.scanPaginator(r -> r.tableName(table)).items().stream().map(item -> DynamoItems.fromItem(item, WatchItem.class));
    }

    @Override
    public Stream<WatchItem> of(String productId) {
        return dynamoDb.queryPaginator(r -> r.tableName(table).indexName(BY_PRODUCT).keyConditionExpression("product_id = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(productId))))
                .items().stream().map(item -> DynamoItems.fromItem(item, WatchItem.class));
    }

    public void deleteUser(String userId) {
        forUser(userId).forEach(w -> dynamoDb.deleteItem(r -> r.tableName(table).key(key(userId, watchKey(w)))));
    }

    /**
     * Moves the watches of the table keyed by user and product (one watch per product, before variants were watched
     * apart) into this one, deleting each after it is copied; a watch already set here again is newer and stays. Safe
     * to run on every start and on several instances at once; a missing old table has nothing to move.
     */
    public int adoptOldWatches() {
        return adopt(ResourcePlan.OLD_WATCH_LIST);
    }

    private int adopt(String oldTable) {
        int moved = 0;
        try {
            for (Map<String, AttributeValue> old : dynamoDb.scanPaginator(r -> r.tableName(oldTable)).items()) {
                WatchItem watch = DynamoItems.fromItem(old, WatchItem.class);
                try {
                    dynamoDb.putItem(r -> r.tableName(table).item(itemOf(watch)).conditionExpression("attribute_not_exists(user_id)"));
                    moved++;
                } catch (ConditionalCheckFailedException newer) {
                    // set again since the move began: the newer watch stands
                }
                dynamoDb.deleteItem(r -> r.tableName(oldTable).key(Map.of("user_id", old.get("user_id"), "product_id", old.get("product_id"))));
            }
        } catch (ResourceNotFoundException none) {
            return moved;
        }
        if (moved > 0) {
            LOG.info("Moved {} watches from {} to {}; {} is empty now and may be deleted", moved, oldTable, table, oldTable);
        }
        return moved;
    }

    private WatchItem current(WatchItem watch) {
        return products.find(watch.productId()).map(p -> of(p, watch.variantId() == null ? Optional.empty() : p.findVariant(watch.variantId()),
                watch.userId(), watch.targetPrice(), watch.notifyOnPriceDrop(), watch.notifyOnRestock(), watch.createdAt(), watch.updatedAt()))
                .orElse(watch);
    }

    /** A watch of the product, or of its variant: the variant's price, stock and label. */
    static WatchItem of(Product p, Optional<Variant> variant, String userId, Long targetPrice, boolean onPriceDrop, boolean onRestock,
            String createdAt, String updatedAt) {
        long price = variant.map(v -> v.priceOr(p.price())).orElse(p.price());
        boolean inStock = variant.map(v -> v.stock() != null && v.stock() > 0).orElse(p.inStock());
        return new WatchItem(userId, p.productId(), p.name(), price, targetPrice, inStock, onPriceDrop, onRestock, createdAt, updatedAt,
                variant.map(Variant::variantId).orElse(null), variant.map(v -> v.label(p.options())).orElse(null));
    }

    private Optional<WatchItem> find(String userId, String watchKey) {
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(userId, watchKey))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DynamoItems.fromItem(item, WatchItem.class));
    }

    private static Map<String, AttributeValue> itemOf(WatchItem watch) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoItems.toItem(watch));
        item.put("watch_key", AttributeValue.fromS(watchKey(watch)));
        return item;
    }

    static String watchKey(WatchItem watch) {
        return watchKey(watch.productId(), watch.variantId());
    }

    /** The product, or the product's variant: the sort key. */
    static String watchKey(String productId, String variantId) {
        return variantId == null ? productId : productId + "#" + variantId;
    }

    private static Map<String, AttributeValue> key(String userId, String watchKey) {
        return Map.of("user_id", AttributeValue.fromS(userId), "watch_key", AttributeValue.fromS(watchKey));
    }

    @Override
    public String section() {
        return "watchlist";
    }

    @Override
    public Object export(String userId, Instant now) {
        return forUser(userId).toList();
    }

    @Override
    public void erase(String userId, Instant now) {
        deleteUser(userId);
    }
}
