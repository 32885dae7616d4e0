package org.camelshop.payment;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import org.camelshop.platform.RedisConnection;
import org.camelshop.platform.ShopMetrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Which webhook events were already processed, remembered for a week: in Redis, and in DynamoDB (a conditional write,
 * expired rows filtered on read) while Redis is unreachable, so a provider's retry during a Redis outage is still
 * recognised. Each fallback use is counted.
 */
final class WebhookEvents {

    private final RedisConnection redis;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration remember;
    private final ShopMetrics metrics;
    private final Clock clock;

    WebhookEvents(RedisConnection redis, DynamoDbClient dynamoDb, String table, Duration remember, ShopMetrics metrics, Clock clock) {
        this.redis = redis;
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.remember = remember;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** {@code event} is {@code provider:id}. */
    boolean seen(String event) {
        try {
            if (redis.sync().exists(key(event)) > 0) {
                return true;
            }
        } catch (RedisException e) {
            fallback("seen");
        }
        // also consulted while Redis is up: an event remembered during an outage is in DynamoDB only
        var row = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of("event_id", AttributeValue.fromS(event)))).item();
        return row != null && !row.isEmpty() && Long.parseLong(row.get("expires_at").n()) > clock.instant().getEpochSecond();
    }

    void remember(String event) {
        try {
            redis.sync().set(key(event), clock.instant().toString(), SetArgs.Builder.ex(remember.toSeconds()));
            return;
        } catch (RedisException e) {
            fallback("remember");
        }
        try {
            dynamoDb.putItem(r -> r.tableName(table).conditionExpression("attribute_not_exists(event_id)").item(Map.of(
                    "event_id", AttributeValue.fromS(event),
                    "expires_at", AttributeValue.fromN(Long.toString(clock.instant().plus(remember).getEpochSecond())))));
        } catch (ConditionalCheckFailedException e) {
            // remembered already: a duplicate raced this one
        }
    }

    private void fallback(String operation) {
        metrics.counter("shop_webhook_dedupe_fallback", "Webhook dedupe done in DynamoDB because Redis was unreachable",
                "operation", operation).increment();
    }

    private static String key(String event) {
        return "webhook:" + event;
    }
}
