package org.camelshop.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
import software.amazon.awssdk.services.sqs.model.Message;

/** A message whose consumer always fails is received 3 times and then moved to its DLQ by the redrive policy. */
@ExtendWith(LocalStackExtension.class)
class DeadLetterIT {

    @Test
    void poisonMessageEndsInTheDeadLetterQueueAfterThreeReceives(LocalStack stack) throws Exception {
        // same provisioning code as the shop's queues, with a 1 s visibility timeout so the test is quick
        QueueSpec queue = new QueueSpec("poison-probe-queue", Duration.ofSeconds(1));
        AtomicInteger receives = new AtomicInteger();
        try (AwsClients aws = stack.awsClients(); CamelContext camel = new DefaultCamelContext()) {
            new Provisioner(aws.sqs(), aws.dynamoDb()).apply(List.of(queue), List.of());
            Sqs2Component sqs = new Sqs2Component();
            sqs.getConfiguration().setAmazonSQSClient(aws.sqs());
            camel.addComponent("aws2-sqs", sqs);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
                    from("aws2-sqs:" + queue.name() + "?waitTimeSeconds=1")
                            .process(exchange -> {
                                receives.incrementAndGet();
                                throw new IllegalStateException("always fails");
                            });
                }
            });
            camel.start();
            String queueUrl = aws.sqs().getQueueUrl(r -> r.queueName(queue.name())).queueUrl();
            String dlqUrl = aws.sqs().getQueueUrl(r -> r.queueName(queue.deadLetterName())).queueUrl();

            aws.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"order_id\":\"poison\"}"));

            List<Message> dead = await().atMost(Duration.ofSeconds(30)).until(
                    () -> aws.sqs().receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(1)).messages(), m -> !m.isEmpty());
            assertEquals("{\"order_id\":\"poison\"}", dead.get(0).body());
            assertEquals(3, receives.get(), "received exactly maxReceiveCount times before the redrive");
        }
    }
}
