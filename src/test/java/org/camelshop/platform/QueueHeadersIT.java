package org.camelshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** What an API route's exchange carries (the caller's Authorization header among it) never reaches an SQS message. */
@ExtendWith(LocalStackExtension.class)
class QueueHeadersIT {

    @Test
    void exchangeHeadersDoNotBecomeMessageAttributes(RunningShop shop, LocalStack stack) throws Exception {
        try (AwsClients aws = stack.awsClients()) {
            String queue = aws.sqs().createQueue(r -> r.queueName("header-filter-check")).queueUrl();
            shop.camelContext().createProducerTemplate().sendBodyAndHeaders("aws2-sqs:header-filter-check", "{\"order_id\":\"o-1\"}",
                    Map.of("Authorization", "Bearer secret-token", "X-Session-Id", "s-1", "Idempotency-Key", "k-1"));

            List<Message> received = aws.sqs().receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(5).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            assertEquals(1, received.size());
            assertEquals("{\"order_id\":\"o-1\"}", received.get(0).body());
            assertEquals(Map.of(), received.get(0).messageAttributes());
        }
    }
}
