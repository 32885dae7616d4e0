package org.camelshop.tracking;

import java.time.Clock;
import java.time.Instant;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A logged-in user's watchlist (WatchList table): add or re-set a watch, remove it, list it with current prices. */
public final class Watchlist implements Watchers, PersonalRecords {

    /**
     * What the page sends to watch a product; both notices are on unless switched off. A product with options is watched
     * per variant: {@code variant_id} is then required (one watch per product: choosing another variant replaces it).
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

    public WatchItem add(Watch watch, SessionUser user) {
        String userId = user.userId();
        Product product = products.find(ProductQuery.validProductId(watch.productId()))
                .filter(p -> Product.ACTIVE.equals(p.status()))
                .orElseThrow(() -> ApiException.notFound("Product " + watch.productId()));
        if (watch.targetPrice() != null && (watch.targetPrice() < 1 || watch.targetPrice() > 100_000_000)) {
            throw ApiException.invalidField("target_price", "must be 1 to 100000000 cents");
        }
        Optional<Variant> variant = product.variant(watch.variantId());
        String now = clock.instant().toString();
        // another variant is a new watch: its restock episodes are not the old variant's
        String created = find(userId, product.productId()).filter(w -> Objects.equals(w.variantId(), watch.variantId()))
                .map(WatchItem::createdAt).orElse(now);
        WatchItem item = of(product, variant, userId, watch.targetPrice(),
                !Boolean.FALSE.equals(watch.notifyOnPriceDrop()) && watch.targetPrice() != null, !Boolean.FALSE.equals(watch.notifyOnRestock()),
                created, now);
        dynamoDb.putItem(r -> r.tableName(table).item(DynamoItems.toItem(item)));
        return item;
    }

    public void remove(String productId, SessionUser user) {
        String userId = user.userId();
        ProductQuery.validProductId(productId);
        if (find(userId, productId).isEmpty()) {
            throw ApiException.notFound("Watch of product " + productId);
        }
        dynamoDb.deleteItem(r -> r.tableName(table).key(key(userId, productId)));
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

    public void deleteUser(String userId) {
        forUser(userId).forEach(w -> dynamoDb.deleteItem(r -> r.tableName(table).key(key(userId, w.productId()))));
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

    private Optional<WatchItem> find(String userId, String productId) {
        var item = dynamoDb.getItem(r -> r.tableName(table).key(key(userId, productId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DynamoItems.fromItem(item, WatchItem.class));
    }

    private static Map<String, AttributeValue> key(String userId, String productId) {
        return Map.of("user_id", AttributeValue.fromS(userId), "product_id", AttributeValue.fromS(productId));
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
