package org.camelshop.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Many items of one table in few calls: strongly consistent reads by key in BatchGetItem calls of at most {@value #LIMIT}
 * keys, and unconditional puts in BatchWriteItem calls of {@value #WRITE_LIMIT}, instead of a call per item. Whatever
 * DynamoDB leaves unprocessed (throttling, the 16 MB answer limit) is sent again after a growing pause, as AWS
 * advises; a table that keeps refusing is reported as unavailable.
 */
public final class DynamoBatches {

    /** Keys per BatchGetItem call (DynamoDB's limit). */
    public static final int LIMIT = 100;
    /** Items per BatchWriteItem call (DynamoDB's limit). */
    public static final int WRITE_LIMIT = 25;
    private static final int ATTEMPTS = 8;
    private static final long FIRST_PAUSE_MILLIS = 20;

    private DynamoBatches() {
    }

    /** The items found for {@code keys} (duplicates read once), in no particular order; keys without an item are simply absent. */
    public static List<Map<String, AttributeValue>> get(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> distinct = List.copyOf(new LinkedHashSet<>(keys));
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int start = 0; start < distinct.size(); start += LIMIT) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(distinct.subList(start, Math.min(start + LIMIT, distinct.size()))).consistentRead(true).build());
            retried(request, pending -> {
                var response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                return response.unprocessedKeys();
            }, table);
        }
        return found;
    }

    /** Puts the items (each a whole item, replacing any with its key) in batch writes. */
    public static void put(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> items) {
        for (int start = 0; start < items.size(); start += WRITE_LIMIT) {
            List<WriteRequest> batch = items.subList(start, Math.min(start + WRITE_LIMIT, items.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(r -> r.item(item)).build()).toList();
            retried(Map.of(table, batch), pending -> dynamoDb.batchWriteItem(r -> r.requestItems(pending)).unprocessedItems(), table);
        }
    }

    /** Sends {@code request}, then whatever the call answers as unprocessed, until nothing is left. */
    private static <T> void retried(Map<String, T> request, UnaryOperator<Map<String, T>> call, String table) {
        Map<String, T> pending = request;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > ATTEMPTS) {
                throw new DependencyUnavailable("dynamodb", "batch call on " + table + " left items unprocessed " + ATTEMPTS + " times", null);
            }
            if (attempt > 1) {
                pause(FIRST_PAUSE_MILLIS << (attempt - 2));
            }
            pending = call.apply(pending);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailable("dynamodb", "interrupted while retrying a batch call", e);
        }
    }
}
