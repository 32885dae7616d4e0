package org.camelshop.order;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import org.camelshop.platform.Json;
import org.camelshop.platform.RedisConnection;
import org.camelshop.platform.ShopMetrics;

/**
 * A user's order list (GET /api/orders) kept in Redis, under a version per user that every write to one of the user's
 * orders moves on (OrderRepository registers {@link #changed} for all writes to the Orders table, whoever makes them),
 * so the next read misses and sees the change. A reader stores what it read under the version it saw <em>before</em>
 * reading, so a write racing a fill cannot leave an old list under the new version; and it stores nothing for
 * {@code settle} after a write, as the list is read from an index that may lag the write by a moment. Redis down: reads
 * go to the table. A write whose invalidation cannot reach Redis leaves the list at most {@code ttl} old.
 */
public final class OrderLists {

    static final String CACHE = "orders";
    private static final TypeReference<List<Order>> ORDERS = new TypeReference<>() {
    };
    // one round trip: the version, when the last write was, and the list stored under that version
    private static final String LOOKUP = """
            local version = redis.call('GET', KEYS[1]) or '0'
            return {version, redis.call('GET', KEYS[2]) or '0', redis.call('GET', ARGV[1] .. version)}""";
    private static final String CHANGED = """
            redis.call('INCR', KEYS[1])
            redis.call('SET', KEYS[2], ARGV[1])
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            redis.call('EXPIRE', KEYS[2], ARGV[2])
            return 1""";

    private final RedisConnection redis;
    private final Duration ttl;
    private final Duration settle;
    private final ShopMetrics metrics;
    private final Clock clock;

    public OrderLists(RedisConnection redis, Duration ttl, Duration settle, ShopMetrics metrics, Clock clock) {
        this.redis = redis;
        this.ttl = ttl;
        this.settle = settle;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The user's orders from the cache, or from {@code load} (then cached). */
    List<Order> forUser(String userId, Supplier<List<Order>> load) {
        String version;
        long writtenAt;
        try {
            List<Object> found = redis.script(LOOKUP, ScriptOutputType.MULTI, new String[] {versionKey(userId), writtenKey(userId)}, listKey(userId));
            version = (String) found.get(0);
            writtenAt = Long.parseLong((String) found.get(1));
            String cached = found.size() > 2 ? (String) found.get(2) : null;
            if (cached != null) {
                metrics.cacheLookup(CACHE, "hit", "redis");
                return Json.mapper().readValue(cached, ORDERS);
            }
            metrics.cacheLookup(CACHE, "miss", "redis");
        } catch (RedisException | JsonProcessingException e) {
            metrics.cacheLookup(CACHE, "error", "redis");
            return load.get();
        }
        List<Order> orders = load.get();
        if (clock.millis() - writtenAt >= settle.toMillis()) {
            try {
                redis.sync().setex(listKey(userId) + version, ttl.toSeconds(), Json.write(orders));
            } catch (RedisException e) {
                // the table answered; the next read tries the cache again
            }
        }
        return orders;
    }

    /** Of these users, those with a write to their orders in the last day (the marks {@link #changed} keeps); all when Redis is down. */
    Set<String> writtenLately(Collection<String> userIds) {
        List<String> users = List.copyOf(userIds);
        if (users.isEmpty()) {
            return Set.of();
        }
        try {
            List<KeyValue<String, String>> marks = redis.sync().mget(users.stream().map(OrderLists::writtenKey).toArray(String[]::new));
            return IntStream.range(0, users.size()).filter(i -> marks.get(i).hasValue()).mapToObj(users::get).collect(Collectors.toSet());
        } catch (RedisException e) {
            return Set.copyOf(users);
        }
    }

    /** One of the user's orders was written (or a write was tried): the cached list is out of date. */
    public void changed(String userId) {
        redis.script(CHANGED, ScriptOutputType.INTEGER, new String[] {versionKey(userId), writtenKey(userId)},
                Long.toString(clock.millis()), Long.toString(Duration.ofDays(1).toSeconds()));
    }

    private static String versionKey(String userId) {
        return "orders:" + userId + ":version";
    }

    private static String writtenKey(String userId) {
        return "orders:" + userId + ":written";
    }

    private static String listKey(String userId) {
        return "orders:" + userId + ":list:";
    }
}
