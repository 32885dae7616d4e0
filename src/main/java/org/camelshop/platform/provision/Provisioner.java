package org.camelshop.platform.provision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Makes SQS and DynamoDB match the {@link ResourcePlan}: creates what is missing, corrects queue attributes that
 * drifted, adds missing indexes and TTL. Idempotent: a second run changes nothing and reports so.
 */
public final class Provisioner {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;

    private final DynamoDbWaiter tableWaiter;

    public Provisioner(SqsClient sqs, DynamoDbClient dynamoDb) {
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
        // the SDK's default waiter sleeps 20 s between polls; tables are ready in well under a second locally
        this.tableWaiter = DynamoDbWaiter.builder().client(dynamoDb)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(250)))
                        .waitTimeout(Duration.ofMinutes(5))
                        .build())
                .build();
    }

    public ProvisioningReport apply(List<QueueSpec> queues, List<TableSpec> tables) {
        List<String> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (QueueSpec queue : queues) {
            String dlqUrl = ensureQueue(queue.deadLetterName(), Map.of(
                    QueueAttributeName.MESSAGE_RETENTION_PERIOD, seconds(ResourcePlan.RETENTION.toSeconds())), changes, notes);
            String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            ensureQueue(queue.name(), Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, seconds(queue.visibilityTimeout().toSeconds()),
                    QueueAttributeName.MESSAGE_RETENTION_PERIOD, seconds(ResourcePlan.RETENTION.toSeconds()),
                    QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlqArn)), changes, notes);
        }
        for (TableSpec table : tables) {
            ensureTable(table, changes, notes);
        }
        ProvisioningReport report = new ProvisioningReport(queues.size() * 2, tables.size(), changes, notes);
        LOG.info("{}", report.summary());
        return report;
    }

    private String ensureQueue(String name, Map<QueueAttributeName, String> wanted, List<String> changes, List<String> notes) {
        String url;
        try {
            url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            String created = sqs.createQueue(r -> r.queueName(name).attributes(wanted)).queueUrl();
            changes.add("created queue " + name);
            return created;
        }
        Map<QueueAttributeName, String> actual = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(wanted.keySet())).attributes();
        Map<QueueAttributeName, String> drifted = new LinkedHashMap<>();
        wanted.forEach((attribute, value) -> {
            if (!actual.containsKey(attribute)) {
                // ElasticMQ accepts but neither keeps nor reports MessageRetentionPeriod
                notes.add(name + " " + attribute + " not reported by this endpoint");
            } else if (!sameAttribute(attribute, value, actual.get(attribute))) {
                drifted.put(attribute, value);
            }
        });
        if (!drifted.isEmpty()) {
            sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(drifted));
            changes.add("updated queue " + name + " " + drifted.keySet());
        }
        return url;
    }

    private static boolean sameAttribute(QueueAttributeName attribute, String wanted, String actual) {
        if (attribute == QueueAttributeName.REDRIVE_POLICY) {
            // emulators and AWS differ in whether maxReceiveCount is a number or a string
            return normalisedJson(wanted).equals(normalisedJson(actual));
        }
        return wanted.equals(actual);
    }

    private static Map<String, String> normalisedJson(String json) {
        try {
            Map<String, String> normalised = new HashMap<>();
            JSON.readTree(json).properties().forEach(e -> normalised.put(e.getKey(), e.getValue().asText()));
            return normalised;
        } catch (JsonProcessingException e) {
            return Map.of("unparseable", json);
        }
    }

    private static String redrivePolicy(String dlqArn) {
        return "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + ResourcePlan.MAX_RECEIVES_BEFORE_DLQ + "\"}";
    }

    private static String seconds(long value) {
        return Long.toString(value);
    }

    private void ensureTable(TableSpec spec, List<String> changes, List<String> notes) {
        TableDescription existing;
        try {
            existing = dynamoDb.describeTable(r -> r.tableName(spec.name())).table();
        } catch (ResourceNotFoundException e) {
            if (createTable(spec)) {
                changes.add("created table " + spec.name() + indexSuffix(spec));
            }
            ensureTtl(spec, changes, notes);
            return;
        }
        Set<String> present = existing.globalSecondaryIndexes() == null ? Set.of()
                : existing.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName).collect(Collectors.toSet());
        for (TableSpec.Index index : spec.indexes()) {
            if (!present.contains(index.name())) {
                dynamoDb.updateTable(r -> r.tableName(spec.name())
                        .attributeDefinitions(attributeDefinitions(spec))
                        .globalSecondaryIndexUpdates(u -> u.create(CreateGlobalSecondaryIndexAction.builder()
                                .indexName(index.name()).keySchema(keySchema(index.partitionKey(), index.sortKey().orElse(null)))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())));
                changes.add("added index " + index.name() + " to " + spec.name());
            }
        }
        ensureTtl(spec, changes, notes);
    }

    /** Creates the table; false if another instance starting at the same moment created it first. */
    private boolean createTable(TableSpec spec) {
        List<GlobalSecondaryIndex> indexes = spec.indexes().stream().map(index -> GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(keySchema(index.partitionKey(), index.sortKey().orElse(null)))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build()).toList();
        boolean created = true;
        try {
            dynamoDb.createTable(r -> {
                r.tableName(spec.name())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attributeDefinitions(spec))
                        .keySchema(keySchema(spec.partitionKey(), spec.sortKey().orElse(null)));
                if (!indexes.isEmpty()) {
                    r.globalSecondaryIndexes(indexes);
                }
            });
        } catch (ResourceInUseException e) {
            created = false;
        }
        tableWaiter.waitUntilTableExists(r -> r.tableName(spec.name()));
        return created;
    }

    private void ensureTtl(TableSpec spec, List<String> changes, List<String> notes) {
        if (spec.ttlAttribute().isEmpty()) {
            return;
        }
        String attribute = spec.ttlAttribute().get();
        try {
            var ttl = dynamoDb.describeTimeToLive(r -> r.tableName(spec.name())).timeToLiveDescription();
            boolean enabled = ttl != null && attribute.equals(ttl.attributeName())
                    && (ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING);
            if (!enabled) {
                dynamoDb.updateTimeToLive(r -> r.tableName(spec.name()).timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
                changes.add("enabled TTL on " + spec.name() + "." + attribute);
            }
        } catch (DynamoDbException e) {
            if (!"UnknownOperationException".equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
            // dynalite has no TTL API: expired items are filtered on read, which stays correct on real DynamoDB too
            notes.add("TTL on " + spec.name() + "." + attribute + " is not supported by this endpoint");
        }
    }

    private static String indexSuffix(TableSpec spec) {
        return spec.indexes().isEmpty() ? "" : " with " + spec.indexes().stream().map(TableSpec.Index::name).collect(Collectors.joining(", "));
    }

    private static List<AttributeDefinition> attributeDefinitions(TableSpec spec) {
        Map<String, AttributeDefinition> definitions = new LinkedHashMap<>();
        List<TableSpec.Key> keys = new ArrayList<>();
        keys.add(spec.partitionKey());
        spec.sortKey().ifPresent(keys::add);
        spec.indexes().forEach(index -> {
            keys.add(index.partitionKey());
            index.sortKey().ifPresent(keys::add);
        });
        keys.forEach(key -> definitions.putIfAbsent(key.attribute(),
                AttributeDefinition.builder().attributeName(key.attribute()).attributeType(key.type()).build()));
        return List.copyOf(definitions.values());
    }

    private static List<KeySchemaElement> keySchema(TableSpec.Key partitionKey, TableSpec.Key sortKey) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder().attributeName(partitionKey.attribute()).keyType(KeyType.HASH).build());
        if (sortKey != null) {
            schema.add(KeySchemaElement.builder().attributeName(sortKey.attribute()).keyType(KeyType.RANGE).build());
        }
        return schema;
    }
}
