package org.camelshop.platform.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camelshop.local.LocalStack;
import org.camelshop.local.StackPorts;
import org.camelshop.platform.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Provisioning against fresh emulators: creates exactly the plan, a second run changes nothing, drift is repaired. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionerIT {

    private static LocalStack stack;
    private static AwsClients aws;
    private static Provisioner provisioner;

    @BeforeAll
    static void freshStack() {
        stack = LocalStack.start(StackPorts.free());
        aws = stack.awsClients();
        provisioner = new Provisioner(aws.sqs(), aws.dynamoDb());
    }

    @AfterAll
    static void stopStack() throws Exception {
        aws.close();
        stack.close();
    }

    @Test
    @Order(1)
    void createsExactlyTheQueuesWithRedriveToTheirDeadLetterQueues() throws Exception {
        ProvisioningReport report = provisioner.apply(ResourcePlan.QUEUES, ResourcePlan.TABLES);
        assertTrue(report.changedAnything());
        assertEquals(ResourcePlan.QUEUES.size() * 2 + ResourcePlan.TABLES.size(), report.changes().size(), report.summary());

        Set<String> queueNames = aws.sqs().listQueues().queueUrls().stream()
                .map(url -> url.substring(url.lastIndexOf('/') + 1)).collect(Collectors.toSet());
        assertEquals(Set.of("order-processing-queue", "order-processing-dlq", "payment-processing-queue", "payment-processing-dlq",
                "email-notification-queue", "email-notification-dlq", "inventory-update-queue", "inventory-update-dlq",
                "tracking-event-queue", "tracking-event-dlq"), queueNames);

        ObjectMapper json = new ObjectMapper();
        for (QueueSpec queue : ResourcePlan.QUEUES) {
            Map<QueueAttributeName, String> attributes = attributes(queue.name());
            assertEquals(Long.toString(queue.visibilityTimeout().toSeconds()), attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
            JsonNode redrive = json.readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
            assertEquals(3, redrive.get("maxReceiveCount").asInt());
            assertEquals(attributes(queue.deadLetterName()).get(QueueAttributeName.QUEUE_ARN), redrive.get("deadLetterTargetArn").asText());
        }
    }

    @Test
    @Order(2)
    void createsExactlyTheTablesWithTheirKeysAndIndexes() {
        Set<String> expected = ResourcePlan.TABLES.stream().map(TableSpec::name).collect(Collectors.toSet());
        assertEquals(expected, Set.copyOf(aws.dynamoDb().listTables().tableNames()));
        for (TableSpec spec : ResourcePlan.TABLES) {
            TableDescription table = aws.dynamoDb().describeTable(r -> r.tableName(spec.name())).table();
            assertEquals(keys(spec.partitionKey(), spec.sortKey()), keys(table.keySchema()), spec.name());
            Map<String, List<String>> indexes = table.hasGlobalSecondaryIndexes()
                    ? table.globalSecondaryIndexes().stream().collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName, i -> keys(i.keySchema())))
                    : Map.of();
            assertEquals(spec.indexes().stream().collect(Collectors.toMap(TableSpec.Index::name, i -> keys(i.partitionKey(), i.sortKey()))),
                    indexes, spec.name());
        }
        TableDescription products = aws.dynamoDb().describeTable(r -> r.tableName("Products")).table();
        assertTrue(products.globalSecondaryIndexes().stream().anyMatch(i -> i.indexName().equals("status-sales_count-index")));
    }

    @Test
    @Order(3)
    void aSecondRunChangesNothingAndSaysSo() {
        ProvisioningReport again = provisioner.apply(ResourcePlan.QUEUES, ResourcePlan.TABLES);
        assertFalse(again.changedAnything(), again.summary());
        assertTrue(again.summary().startsWith("Provisioning: nothing to change"), again.summary());
    }

    @Test
    @Order(4)
    void repairsADriftedQueueAttribute() {
        String url = aws.sqs().getQueueUrl(r -> r.queueName("email-notification-queue")).queueUrl();
        aws.sqs().setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "7")));

        ProvisioningReport report = provisioner.apply(ResourcePlan.QUEUES, ResourcePlan.TABLES);

        assertEquals(List.of("updated queue email-notification-queue [VisibilityTimeout]"), report.changes());
        assertEquals("60", attributes("email-notification-queue").get(QueueAttributeName.VISIBILITY_TIMEOUT));
    }

    private static Map<QueueAttributeName, String> attributes(String queue) {
        String url = aws.sqs().getQueueUrl(r -> r.queueName(queue)).queueUrl();
        return aws.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    }

    private static List<String> keys(TableSpec.Key partition, Optional<TableSpec.Key> sort) {
        return sort.map(s -> List.of("HASH " + partition.attribute(), "RANGE " + s.attribute())).orElse(List.of("HASH " + partition.attribute()));
    }

    private static List<String> keys(List<KeySchemaElement> schema) {
        return schema.stream().sorted((a, b) -> a.keyType() == KeyType.HASH ? -1 : 1)
                .map(k -> k.keyType() + " " + k.attributeName()).toList();
    }
}
