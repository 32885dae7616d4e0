package org.camelshop.platform;

import java.time.Duration;

import org.apache.camel.spi.Registry;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/** Health probes answer within a couple of seconds: a hanging dependency counts as down. */
public final class HealthProbes {

    static final AwsRequestOverrideConfiguration TIMEOUT = AwsRequestOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(2))
            .build();

    private HealthProbes() {
    }

    /**
     * Binds one health check per dependency, probing the given queue and table. Only DynamoDB is critical: without it
     * nothing can be sold; without the others the shop degrades (see docs/operations.md).
     */
    public static void bind(Registry registry, AwsClients aws, RedisConnection redis, ShopMetrics metrics, String probeQueue, String probeTable) {
        registry.bind("sqs-health", new DependencyHealthCheck("sqs", false,
                () -> aws.sqs().getQueueUrl(r -> r.queueName(probeQueue).overrideConfiguration(TIMEOUT)), metrics));
        registry.bind("dynamodb-health", new DependencyHealthCheck("dynamodb", true,
                () -> aws.dynamoDb().describeTable(r -> r.tableName(probeTable).overrideConfiguration(TIMEOUT)), metrics));
        registry.bind("ses-health", new DependencyHealthCheck("ses", false,
                () -> aws.sesV2().getAccount(r -> r.overrideConfiguration(TIMEOUT)), metrics));
        registry.bind("redis-health", new DependencyHealthCheck("redis", false, () -> redis.sync().ping(), metrics));
    }
}
