package org.camelshop.cart;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import org.camelshop.platform.DynamoBatches;
import org.camelshop.platform.Json;
import org.camelshop.platform.PersonalRecords;
import org.camelshop.platform.RedisConnection;
import org.camelshop.platform.ShopMetrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Carts in DynamoDB with a Redis write-through copy (seed: 30 min TTL). Reads try Redis first; every write goes to
 * DynamoDB first, conditional on the version read, and then replaces the Redis copy. With Redis down, reads and
 * writes go to DynamoDB alone.
 */
public final class CartRepository implements CartLookup, PersonalRecords {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final RedisConnection redis;
    private final Duration cacheTtl;
    private final ShopMetrics metrics;

    private static final String CACHE_IF_NEWER = """
            local current = redis.call('GET', KEYS[1])
            if current and cjson.decode(current).version >= tonumber(ARGV[2]) then return 0 end
            redis.call('SETEX', KEYS[1], ARGV[3], ARGV[1])
            return 1""";

    public CartRepository(DynamoDbClient dynamoDb, String table, RedisConnection redis, Duration cacheTtl, ShopMetrics metrics) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.redis = redis;
        this.cacheTtl = cacheTtl;
        this.metrics = metrics;
    }

    public Optional<Cart> find(String owner) {
        try {
            String cached = redis.sync().get(key(owner));
            metrics.cacheLookup("cart", cached != null ? "hit" : "miss", "redis");
            if (cached != null) {
                return Optional.of(Json.mapper().readValue(cached, Cart.class));
            }
        } catch (RedisException | JsonProcessingException e) {
            metrics.cacheLookup("cart", "error", "redis");
            // fall through to the table
        }
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("user_id", AttributeValue.fromS(owner)))).item();
        if (item.isEmpty()) {
            return Optional.empty();
        }
        Cart cart = fromItem(item);
        cache(cart);
        return Optional.of(cart);
    }

    /** Batch reads from the table: a scan reading many carts once gains nothing from filling the Redis copies. */
    @Override
    public Map<String, Cart> cartsOf(Collection<String> owners) {
        return DynamoBatches.get(dynamoDb, table, owners.stream().map(owner -> Map.of("user_id", AttributeValue.fromS(owner))).toList())
                .stream().map(CartRepository::fromItem).collect(Collectors.toMap(Cart::userId, cart -> cart));
    }

    /** Writes {@code cart} as version {@code cart.version() + 1} if the stored one is still {@code cart.version()}. */
    public Optional<Cart> save(Cart cart) {
        Cart next = new Cart(cart.userId(), cart.items(), cart.createdAt(), cart.updatedAt(), cart.expiresAt(), cart.version() + 1,
                cart.checkedOutAs());
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(toItem(next))
                    .conditionExpression(cart.version() == 0 ? "attribute_not_exists(user_id)" : "version = :v")
                    .expressionAttributeValues(cart.version() == 0 ? null : Map.of(":v", AttributeValue.fromN(Long.toString(cart.version())))));
        } catch (ConditionalCheckFailedException e) {
            evict(cart.userId());
            return Optional.empty();
        }
        cache(next);
        return Optional.of(next);
    }

    /**
     * Carts of registered users (not guests) with items, last changed in [{@code from}, {@code to}): a scan, for the
     * abandoned-cart scan that reads them all once. Expired carts are left out, as TTL would have removed them.
     */
    @Override
    public Stream<Cart> idleUserCarts(Instant from, Instant to, Instant now) {
        return dynamoDb.scanPaginator(r -> r.tableName(table)
                        .filterExpression("size(#items) > :zero AND updated_at >= :from AND updated_at < :to AND expires_at > :now"
                                + " AND NOT begins_with(user_id, :guest)")
                        .expressionAttributeNames(Map.of("#items", "items"))
                        .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"), ":from", AttributeValue.fromS(from.toString()),
                                ":to", AttributeValue.fromS(to.toString()), ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                                ":guest", AttributeValue.fromS("guest-"))))
                .items().stream().map(CartRepository::fromItem);
    }

    public void delete(String owner) {
        evict(owner);
        dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("user_id", AttributeValue.fromS(owner))));
    }

    /**
     * Writes the copy unless Redis already holds a newer version: two writers (or a read repopulating the copy
     * while a write lands) may finish in either order, and the older one must not win.
     */
    private void cache(Cart cart) {
        try {
            redis.script(CACHE_IF_NEWER, ScriptOutputType.INTEGER, new String[] {key(cart.userId())}, Json.write(cart),
                    Long.toString(cart.version()), Long.toString(cacheTtl.toSeconds()));
        } catch (RedisException e) {
            // the table has it; the next read repopulates the copy
        }
    }

    private void evict(String owner) {
        try {
            redis.sync().del(key(owner));
        } catch (RedisException e) {
            // nothing cached can be served while Redis is unreachable
        }
    }

    private static String key(String owner) {
        return "cart:" + owner;
    }

    private static Map<String, AttributeValue> toItem(Cart cart) {
        List<AttributeValue> lines = cart.items().stream().map(line -> {
            Map<String, AttributeValue> m = new HashMap<>(Map.of(
                    "product_id", AttributeValue.fromS(line.productId()),
                    "quantity", AttributeValue.fromN(Integer.toString(line.quantity())),
                    "added_at", AttributeValue.fromS(line.addedAt())));
            if (line.variantId() != null) {
                m.put("variant_id", AttributeValue.fromS(line.variantId()));
            }
            return AttributeValue.fromM(m);
        }).toList();
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "user_id", AttributeValue.fromS(cart.userId()),
                "items", AttributeValue.fromL(lines),
                "created_at", AttributeValue.fromS(cart.createdAt()),
                "updated_at", AttributeValue.fromS(cart.updatedAt()),
                "expires_at", AttributeValue.fromN(Long.toString(cart.expiresAt())),
                "cache_key", AttributeValue.fromS(key(cart.userId())),
                "version", AttributeValue.fromN(Long.toString(cart.version()))));
        if (cart.checkedOutAs() != null) {
            item.put("checked_out_as", AttributeValue.fromS(cart.checkedOutAs()));
        }
        return item;
    }

    private static Cart fromItem(Map<String, AttributeValue> item) {
        List<Cart.Line> lines = item.get("items").l().stream().map(v -> new Cart.Line(v.m().get("product_id").s(),
                Integer.parseInt(v.m().get("quantity").n()), v.m().get("added_at").s(),
                v.m().containsKey("variant_id") ? v.m().get("variant_id").s() : null)).toList();
        return new Cart(item.get("user_id").s(), lines, item.get("created_at").s(), item.get("updated_at").s(),
                Long.parseLong(item.get("expires_at").n()), Long.parseLong(item.get("version").n()),
                item.containsKey("checked_out_as") ? item.get("checked_out_as").s() : null);
    }

    @Override
    public String section() {
        return "cart";
    }

    @Override
    public Object export(String userId, Instant now) {
        return find(userId).orElse(null);
    }

    @Override
    public void erase(String userId, Instant now) {
        delete(userId);
    }
}
