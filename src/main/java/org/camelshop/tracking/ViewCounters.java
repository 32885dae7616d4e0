package org.camelshop.tracking;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camelshop.platform.DynamoBatches;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The ProductViewCounters table: one item per (user, product) that holds what the browse-abandonment scan needs to know
 * of the pair, so it reads the few pairs viewed often enough instead of every view of the week, and nothing else.
 * {@code views} is a string set of the pair's {@value #CANDIDATE_VIEWS} newest views, {@code <timestamp>|<event id>}: a
 * set, so a redelivered event adds nothing, trimmed to the newest so a late or redelivered old view falls out again.
 * From {@value #CANDIDATE_VIEWS} views on the item has {@code browse_shard} and {@code last_view}, which put it into the
 * sparse index {@code browse_shard-last_view-index}. {@code last_cart_add} is the pair's latest cart add. A product the
 * user bought has an item of its own, {@code purchase#<product id>}, with no TTL (like the orders): {@code orders}, a
 * set of {@code <order date>|<order id>}.
 */
public final class ViewCounters implements BrowseCandidates {

    // the index partitions are the SHARDS, so no one partition takes every write
    static final String INDEX = "browse_shard-last_view-index";
    private static final String PURCHASE = "purchase#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ViewCounters(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Counts one view event (idempotent per event id, in any order); {@code expiresAt} is the view row's TTL. */
    public void count(String userId, String productId, String eventId, String at, long expiresAt) {
        Map<String, AttributeValue> key = key(userId, productId);
        List<String> views = dynamoDb.updateItem(r -> r.tableName(table).key(key)
                .updateExpression("ADD #views :view SET expires_at = :expires")
                .expressionAttributeNames(Map.of("#views", "views"))
                .expressionAttributeValues(Map.of(":view", AttributeValue.fromSs(List.of(at + "|" + eventId)), ":expires", n(expiresAt)))
                .returnValues(ReturnValue.ALL_NEW)).attributes().get("views").ss();
        if (views.size() < CANDIDATE_VIEWS) {
            return;
        }
        // also redone by a redelivery after a crash here: the set already holds the event, so it comes back full
        List<String> newest = views.stream().sorted(Comparator.comparing(ViewCounters::viewedAt).reversed()).toList();
        List<String> older = newest.subList(CANDIDATE_VIEWS, newest.size());
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":shard", AttributeValue.fromS(Integer.toString(shard(userId))),
                ":at", AttributeValue.fromS(newest.get(0).substring(0, newest.get(0).indexOf('|')))));
        if (!older.isEmpty()) {
            values.put(":older", AttributeValue.fromSs(older));
        }
        try {
            // unless a later view already did (events may arrive out of order): it trims the set as it saw it
            dynamoDb.updateItem(r -> {
                r.tableName(table).key(key).conditionExpression("attribute_not_exists(last_view) OR last_view <= :at")
                        .updateExpression("SET browse_shard = :shard, last_view = :at" + (older.isEmpty() ? "" : " DELETE #views :older"))
                        .expressionAttributeValues(values);
                if (!older.isEmpty()) {
                    r.expressionAttributeNames(Map.of("#views", "views"));
                }
            });
        } catch (ConditionalCheckFailedException later) {
            // a later view is recorded already; its last_view stands
        }
    }

    /** Notes a cart add of the product (idempotent, in any order: the latest stays); {@code expiresAt} is its row's TTL. */
    public void cartAdded(String userId, String productId, String at, long expiresAt) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(userId, productId))
                    .updateExpression("SET last_cart_add = :at, expires_at = if_not_exists(expires_at, :expires)")
                    .conditionExpression("attribute_not_exists(last_cart_add) OR last_cart_add < :at")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at), ":expires", n(expiresAt))));
        } catch (ConditionalCheckFailedException later) {
            // this add or a later one is noted already
        }
    }

    /** Notes that the user bought the product in this order (idempotent). */
    public void bought(String userId, String productId, String orderId, String orderDate) {
        dynamoDb.updateItem(r -> r.tableName(table).key(key(userId, PURCHASE + productId))
                .updateExpression("ADD orders :order")
                .expressionAttributeValues(Map.of(":order", AttributeValue.fromSs(List.of(orderDate + "|" + orderId)))));
    }

    @Override
    public Stream<Candidate> candidates(int shard, Instant since, Instant now) {
        return dynamoDb.queryPaginator(r -> r.tableName(table).indexName(INDEX)
                        .keyConditionExpression("browse_shard = :shard AND last_view >= :since")
                        .filterExpression("expires_at > :now")
                        .projectionExpression("user_id, product_id, last_view, #views, last_cart_add")
                        .expressionAttributeNames(Map.of("#views", "views"))
                        .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(Integer.toString(shard)),
                                ":since", AttributeValue.fromS(since.toString()), ":now", n(now.getEpochSecond()))))
                .items().stream()
                .map(item -> new Candidate(item.get("user_id").s(), item.get("product_id").s(), item.get("last_view").s(),
                        item.get("views").ss().stream().map(ViewCounters::viewedAt).toList(),
                        item.containsKey("last_cart_add") ? Instant.parse(item.get("last_cart_add").s()) : null));
    }

    @Override
    public Map<Candidate, List<Instant>> purchases(List<Candidate> candidates) {
        Map<Map<String, AttributeValue>, Candidate> byKey = new HashMap<>();
        candidates.forEach(c -> byKey.put(key(c.userId(), PURCHASE + c.productId()), c));
        Map<Candidate, List<Instant>> bought = new HashMap<>();
        DynamoBatches.get(dynamoDb, table, List.copyOf(byKey.keySet())).forEach(item -> bought.put(
                byKey.get(key(item.get("user_id").s(), item.get("product_id").s())),
                item.get("orders").ss().stream().map(ViewCounters::viewedAt).toList()));
        return bought;
    }

    /** Deletes every counter of a user (their account is being deleted). */
    public void deleteUser(String userId) {
        dynamoDb.queryPaginator(r -> r.tableName(table).keyConditionExpression("user_id = :user")
                        .projectionExpression("user_id, product_id")
                        .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId))))
                .items().forEach(item -> dynamoDb.deleteItem(r -> r.tableName(table).key(item)));
    }

    /** The index partition of a user's candidates. */
    public static int shard(String userId) {
        return Math.floorMod(userId.hashCode(), SHARDS);
    }

    /** The time of a {@code <timestamp>|<id>} entry. */
    private static Instant viewedAt(String entry) {
        return Instant.parse(entry.substring(0, entry.indexOf('|')));
    }

    private static Map<String, AttributeValue> key(String userId, String productId) {
        return Map.of("user_id", AttributeValue.fromS(userId), "product_id", AttributeValue.fromS(productId));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
