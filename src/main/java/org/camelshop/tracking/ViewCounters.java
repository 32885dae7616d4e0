package org.camelshop.tracking;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The ProductViewCounters table: one item per (user, product) that counts the user's views of it, so the
 * browse-abandonment scan reads the few pairs viewed often enough instead of every view of the week. An item keeps
 * {@code views}, a string set of {@code <timestamp>|<event id>} — a set, so a redelivered event adds nothing — until it
 * holds {@link #CANDIDATE_VIEWS}; then it gets {@code browse_shard} and {@code last_view}, which put it into the sparse
 * index {@code browse_shard-last_view-index}, and stops growing (later views only move {@code last_view}). The index
 * holds candidates, not verdicts: the scan checks each against the user's rows of the window.
 */
public final class ViewCounters implements BrowseCandidates {

    // the index partitions are the SHARDS, so no one partition takes every write
    static final String INDEX = "browse_shard-last_view-index";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ViewCounters(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Counts one view event (idempotent per event id); {@code expiresAt} is the view row's TTL. */
    public void count(String userId, String productId, String eventId, String at, long expiresAt) {
        Map<String, AttributeValue> key = key(userId, productId);
        try {
            Map<String, AttributeValue> item = dynamoDb.updateItem(r -> r.tableName(table).key(key)
                    .updateExpression("ADD #views :view SET expires_at = :expires")
                    .conditionExpression("attribute_not_exists(browse_shard)")
                    .expressionAttributeNames(Map.of("#views", "views"))
                    .expressionAttributeValues(Map.of(":view", AttributeValue.fromSs(List.of(at + "|" + eventId)),
                            ":expires", n(expiresAt)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            List<String> views = item.get("views").ss();
            if (views.size() >= CANDIDATE_VIEWS) {
                // also redone by a redelivery after a crash here: the set already holds the event, so it comes back full
                String last = Collections.max(views);
                moveLastView(key, last.substring(0, last.indexOf('|')), expiresAt, "SET browse_shard = :shard, last_view = :at, expires_at = :expires",
                        Map.of(":shard", AttributeValue.fromS(Integer.toString(shard(userId)))));
            }
        } catch (ConditionalCheckFailedException alreadyCandidate) {
            moveLastView(key, at, expiresAt, "SET last_view = :at, expires_at = :expires", Map.of());
        }
    }

    @Override
    public Stream<Candidate> candidates(int shard, Instant since, Instant now) {
        return dynamoDb.queryPaginator(r -> r.tableName(table).indexName(INDEX)
                        .keyConditionExpression("browse_shard = :shard AND last_view >= :since")
                        .filterExpression("expires_at > :now")
                        .projectionExpression("user_id, product_id, last_view")
                        .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(Integer.toString(shard)),
                                ":since", AttributeValue.fromS(since.toString()), ":now", n(now.getEpochSecond()))))
                .items().stream()
                .map(item -> new Candidate(item.get("user_id").s(), item.get("product_id").s(), item.get("last_view").s()));
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

    /** Sets {@code last_view} unless a later view already did (events may arrive out of order). */
    private void moveLastView(Map<String, AttributeValue> key, String at, long expiresAt, String update, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> values = new java.util.HashMap<>(more);
        values.put(":at", AttributeValue.fromS(at));
        values.put(":expires", n(expiresAt));
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key).updateExpression(update)
                    .conditionExpression("attribute_not_exists(last_view) OR last_view < :at")
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException later) {
            // a later view is recorded already; its last_view and expiry stand
        }
    }

    private static Map<String, AttributeValue> key(String userId, String productId) {
        return Map.of("user_id", AttributeValue.fromS(userId), "product_id", AttributeValue.fromS(productId));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
