package org.camelshop.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Strongly consistent reads of many items of one table by key: BatchGetItem calls of at most {@value #LIMIT} keys
 * instead of a GetItem each. Whatever DynamoDB leaves unprocessed (throttling, the 16 MB answer limit) is asked for
 * again after a growing pause, as AWS advises; a table that keeps refusing is reported as unavailable.
 */
public final class BatchReads {

    /** Keys per BatchGetItem call (DynamoDB's limit). */
    public static final int LIMIT = 100;
    private static final int ATTEMPTS = 8;
    private static final long FIRST_PAUSE_MILLIS = 20;

    private BatchReads() {
    }

    /** The items found for {@code keys} (duplicates read once), in no particular order; keys without an item are simply absent. */
    public static List<Map<String, AttributeValue>> get(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> distinct = List.copyOf(new LinkedHashSet<>(keys));
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int start = 0; start < distinct.size(); start += LIMIT) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(distinct.subList(start, Math.min(start + LIMIT, distinct.size()))).consistentRead(true).build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > ATTEMPTS) {
                    throw new DependencyUnavailable("dynamodb", "batch read of " + table + " left keys unprocessed " + ATTEMPTS + " times", null);
                }
                if (attempt > 1) {
                    pause(FIRST_PAUSE_MILLIS << (attempt - 2));
                }
                Map<String, KeysAndAttributes> request = pending;
                var response = dynamoDb.batchGetItem(r -> r.requestItems(request));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.unprocessedKeys();
            }
        }
        return found;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailable("dynamodb", "interrupted while retrying a batch read", e);
        }
    }
}
