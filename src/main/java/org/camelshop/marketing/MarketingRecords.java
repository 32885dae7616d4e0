package org.camelshop.marketing;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camelshop.platform.DynamoBatches;
import org.camelshop.platform.DynamoItems;
import org.camelshop.platform.SetClause;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The MarketingQueue table: claiming an episode, the mail's life (sent, opened, clicked, converted), reports. */
public final class MarketingRecords {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public MarketingRecords(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * Stores the record unless its id is taken by a live one: true for exactly one caller per episode, however many
     * scans run at once. An expired record (past its TTL, which DynamoDB deletes only eventually) frees the id.
     */
    public boolean claim(MarketingRecord record, Instant now) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(DynamoItems.toItem(record))
                    .conditionExpression("attribute_not_exists(queue_id) OR expires_at < :now")
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Which of these ids a live record holds (a batch read): {@link #claim} would fail for them, so a scan skips them
     * before reading anything else. Only a hint for the others: the claim still decides.
     */
    public Set<String> taken(Collection<String> queueIds, Instant now) {
        return DynamoBatches.get(dynamoDb, table, queueIds.stream().map(MarketingRecords::key).toList()).stream()
                .filter(item -> !item.containsKey("expires_at") || Long.parseLong(item.get("expires_at").n()) >= now.getEpochSecond())
                .map(item -> item.get("queue_id").s()).collect(Collectors.toSet());
    }

    public Optional<MarketingRecord> find(String queueId) {
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(queueId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DynamoItems.fromItem(item, MarketingRecord.class));
    }

    public void markSent(String queueId, String sentAt, String messageId, long expiresAt) {
        set(queueId, Map.of("sent", AttributeValue.fromS("true"), "sent_at", AttributeValue.fromS(sentAt),
                "email_queue_id", AttributeValue.fromS(messageId), "expires_at", AttributeValue.fromN(Long.toString(expiresAt))), null);
    }

    public void markSuppressed(String queueId, String why) {
        set(queueId, Map.of("suppressed", AttributeValue.fromS(why)), null);
    }

    /** Sets {@code opened} or {@code clicked}; false when there is no such record. */
    public boolean mark(String queueId, String flag) {
        return set(queueId, Map.of(flag, AttributeValue.fromBool(true)), "attribute_exists(queue_id)");
    }

    /** Records the order a mail led to; only the first conversion of a mail counts. */
    public boolean markConverted(String queueId, String orderId, long revenue) {
        return set(queueId, Map.of("converted", AttributeValue.fromBool(true), "converted_order_id", AttributeValue.fromS(orderId),
                "revenue", AttributeValue.fromN(Long.toString(revenue))), "attribute_exists(queue_id) AND converted = :no");
    }

    /** Undoes {@link #markConverted} for that order only (its cancellation); false when it no longer counted. */
    public boolean unconvert(String queueId, String orderId) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(queueId))
                    .updateExpression("SET converted = :no, revenue = :zero REMOVE converted_order_id")
                    .conditionExpression("converted_order_id = :order")
                    .expressionAttributeValues(Map.of(":no", AttributeValue.fromBool(false), ":zero", AttributeValue.fromN("0"),
                            ":order", AttributeValue.fromS(orderId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The mails sent to an address (user_email-trigger_type-index). */
    public List<MarketingRecord> forEmail(String email) {
        return dynamoDb.queryPaginator(r -> r.tableName(table).indexName("user_email-trigger_type-index")
                        .keyConditionExpression("user_email = :e").expressionAttributeValues(Map.of(":e", AttributeValue.fromS(email))))
                .items().stream().map(item -> DynamoItems.fromItem(item, MarketingRecord.class)).toList();
    }

    public Stream<MarketingRecord> all() {
        return dynamoDb.scanPaginator(r -> r.tableName(table)).items().stream().map(item -> DynamoItems.fromItem(item, MarketingRecord.class));
    }

    public void delete(String queueId) {
        dynamoDb.deleteItem(r -> r.tableName(table).key(key(queueId)));
    }

    private boolean set(String queueId, Map<String, AttributeValue> attributes, String condition) {
        SetClause set = SetClause.of(attributes);
        Map<String, AttributeValue> values = new HashMap<>(set.values());
        if (condition != null && condition.contains(":no")) {
            values.put(":no", AttributeValue.fromBool(false));
        }
        try {
            dynamoDb.updateItem(r -> {
                r.tableName(table).key(key(queueId)).updateExpression("SET " + set.assignments())
                        .expressionAttributeNames(set.names()).expressionAttributeValues(values);
                if (condition != null) {
                    r.conditionExpression(condition);
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String queueId) {
        return Map.of("queue_id", AttributeValue.fromS(queueId));
    }
}
