package org.camelshop.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One run per schedule across instances: every instance's timer fires, and each first claims the run — the job and
 * the slot of time it belongs to (its period, counted from the epoch) — with a conditional write. The instance that
 * wins works ({@code shop_scheduled_runs_total{job}}); the others skip and count it
 * ({@code shop_scheduled_runs_skipped_total{job}}). Claims expire by TTL.
 */
public final class ScheduledRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRuns.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String instance;
    private final ShopMetrics metrics;
    private final Clock clock;

    public ScheduledRuns(DynamoDbClient dynamoDb, String table, String instance, ShopMetrics metrics, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.instance = instance;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A run started by hand ({@code POST /api/marketing/scan-*}) claims the current minute the same way: fired on every
     * instance at once, it still runs once; the others answer 409 with Retry-After.
     */
    public void claimManual(String job) {
        if (skip(job + "-manual", 60)) {
            long wait = 60 - clock.instant().getEpochSecond() % 60;
            throw new ApiException(409, "already_run", "This job ran in this minute already; try again in " + wait + " s",
                    java.util.List.of(), Map.of("Retry-After", Long.toString(wait)));
        }
    }

    /** True when another instance already claimed this job's run in the current slot of {@code slotSeconds}: skip it. */
    public boolean skip(String job, long slotSeconds) {
        Instant now = clock.instant();
        long slot = now.getEpochSecond() / slotSeconds;
        String run = job + "@" + Instant.ofEpochSecond(slot * slotSeconds);
        try {
            dynamoDb.putItem(r -> r.tableName(table).conditionExpression("attribute_not_exists(run_id)").item(Map.of(
                    "run_id", AttributeValue.fromS(run),
                    "instance", AttributeValue.fromS(instance),
                    "claimed_at", AttributeValue.fromS(now.toString()),
                    "expires_at", AttributeValue.fromN(Long.toString(now.plus(Duration.ofSeconds(slotSeconds)).plus(Duration.ofDays(1)).getEpochSecond())))));
            metrics.counter("shop_scheduled_runs_total", "Scheduled runs this instance claimed and ran", "job", job).increment();
            return false;
        } catch (ConditionalCheckFailedException e) {
            LOG.debug("{} already claimed by another instance: skipped", run);
            metrics.counter("shop_scheduled_runs_skipped_total", "Scheduled runs another instance claimed first", "job", job).increment();
            return true;
        }
    }
}
