package org.camelshop.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.platform.provision.Provisioner;
import org.camelshop.platform.provision.QueueSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * A poll's messages are deleted together once done (QueueDeletes): one DeleteMessageBatch for the messages that
 * succeeded, none for the one that failed, which comes back and is deleted after it succeeds; a batch delete that
 * fails leaves its messages to come back rather than losing them.
 */
@ExtendWith(LocalStackExtension.class)
class QueueDeletesIT {

    /** The stack's client, recording the size of every batch delete and failing the first ones when asked. */
    private static final class RecordingSqs implements SqsClient {
        final SqsClient sqs;
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        final AtomicBoolean failNext = new AtomicBoolean();

        RecordingSqs(SqsClient sqs) {
            this.sqs = sqs;
        }

        @Override
        public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
            if (failNext.getAndSet(false)) {
                throw SqsException.builder().message("unreachable").build();
            }
            batches.add(request.entries().size());
            return sqs.deleteMessageBatch(request);
        }

        @Override
        public GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
            return sqs.getQueueUrl(request);
        }

        @Override
        public String serviceName() {
            return sqs.serviceName();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aPollsSuccessesAreDeletedInOneCallAndItsFailureComesBack(LocalStack stack) throws Exception {
        Map<String, Integer> receives = new ConcurrentHashMap<>();
        try (AwsClients aws = stack.awsClients()) {
            RecordingSqs sqs = new RecordingSqs(aws.sqs());
            String queueUrl = queue(aws, "delete-batch-probe");
            for (String body : List.of("a", "bad", "c")) {
                aws.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
            }
            try (CamelContext camel = consume(aws, "delete-batch-probe", new QueueDeletes(sqs), body -> {
                // "bad" fails on its first receive only
                if (receives.merge(body, 1, Integer::sum) == 1 && body.equals("bad")) {
                    throw new IllegalStateException("fails once");
                }
            })) {
                await().atMost(Duration.ofSeconds(20)).until(() -> messagesLeft(aws, queueUrl) == 0);
            }
            assertEquals(Map.of("a", 1, "bad", 2, "c", 1), receives);
            assertEquals(List.of(2, 1), sqs.batches, "the poll's two successes in one call; the failed one after it succeeded");
        }
    }

    @Test
    void aBatchDeleteThatFailsLeavesItsMessagesToComeBack(LocalStack stack) throws Exception {
        Map<String, Integer> receives = new ConcurrentHashMap<>();
        try (AwsClients aws = stack.awsClients()) {
            RecordingSqs sqs = new RecordingSqs(aws.sqs());
            sqs.failNext.set(true);
            String queueUrl = queue(aws, "delete-batch-outage-probe");
            for (String body : List.of("a", "b")) {
                aws.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
            }
            try (CamelContext camel = consume(aws, "delete-batch-outage-probe", new QueueDeletes(sqs), body -> receives.merge(body, 1, Integer::sum))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> messagesLeft(aws, queueUrl) == 0);
            }
            assertEquals(Map.of("a", 2, "b", 2), receives, "each came back once after the failed delete");
            // they come back about together, in one poll or two
            assertEquals(2, sqs.batches.stream().mapToInt(Integer::intValue).sum());
        }
    }

    /** A queue with a 1 s visibility timeout (a failed message comes back quickly), provisioned as the shop's are. */
    private static String queue(AwsClients aws, String name) {
        new Provisioner(aws.sqs(), aws.dynamoDb()).apply(List.of(new QueueSpec(name, Duration.ofSeconds(1))), List.of());
        return aws.sqs().getQueueUrl(r -> r.queueName(name)).queueUrl();
    }

    /** A started consumer of the queue, configured like the shop's (deleteAfterRead=false, QueueDeletes first). */
    private static CamelContext consume(AwsClients aws, String queue, QueueDeletes deletes, java.util.function.Consumer<String> work) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Sqs2Component sqs = new Sqs2Component();
        sqs.getConfiguration().setAmazonSQSClient(aws.sqs());
        camel.addComponent("aws2-sqs", sqs);
        camel.getRegistry().bind("queueDeletes", deletes);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
                from("aws2-sqs:" + queue + "?waitTimeSeconds=1&maxMessagesPerPoll=10&deleteAfterRead=false&delay=50")
                        .bean("queueDeletes", "deleteWhenDone")
                        .process(exchange -> work.accept(exchange.getMessage().getBody(String.class)));
            }
        });
        camel.start();
        return camel;
    }

    private static int messagesLeft(AwsClients aws, String queueUrl) {
        Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }
}
