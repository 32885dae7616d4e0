package org.camelshop.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductQuery;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.DynamoItems;
import org.camelshop.platform.PersonalRecords;
import org.camelshop.platform.SessionUser;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A logged-in user's watchlist (WatchList table): add or re-set a watch, remove it, list it with current prices. */
public final class Watchlist implements Watchers, PersonalRecords {

    /** What the page sends to watch a product; both notices are on unless switched off. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Watch(String productId, Long targetPrice, Boolean notifyOnPriceDrop, Boolean notifyOnRestock) {
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
        String now = clock.instant().toString();
        String created = find(userId, product.productId()).map(WatchItem::createdAt).orElse(now);
        WatchItem item = new WatchItem(userId, product.productId(), product.name(), product.price(), watch.targetPrice(), product.inStock(),
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
        return products.find(watch.productId()).map(p -> new WatchItem(watch.userId(), watch.productId(), p.name(), p.price(), watch.targetPrice(),
                p.inStock(), watch.notifyOnPriceDrop(), watch.notifyOnRestock(), watch.createdAt(), watch.updatedAt())).orElse(watch);
    }

    private java.util.Optional<WatchItem> find(String userId, String productId) {
        var item = dynamoDb.getItem(r -> r.tableName(table).key(key(userId, productId))).item();
        return item == null || item.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(DynamoItems.fromItem(item, WatchItem.class));
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
