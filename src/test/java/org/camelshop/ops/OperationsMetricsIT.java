package org.camelshop.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The dashboard's own meters on the shared shop: queue and DLQ depths, HTTP answers by route and status. */
@ExtendWith(LocalStackExtension.class)
class OperationsMetricsIT {

    @Test
    void queueAndDeadLetterDepthsArePublished(RunningShop shop, LocalStack stack) {
        assertTrue(shop.camelContext().getRouteController().getRouteStatus("poll-queue-depths").isStarted());
        SqsClient sqs = stack.awsClients().sqs();
        String dlq = sqs.getQueueUrl(r -> r.queueName("inventory-update-dlq")).queueUrl();
        QueueDepths depths = shop.camelContext().getRegistry().lookupByNameAndType("queueDepths", QueueDepths.class);
        depths.refresh();
        double before = shop.metric("shop_queue_depth", "queue=\"inventory-update-dlq\"", "state=\"visible\"");
        sqs.sendMessage(r -> r.queueUrl(dlq).messageBody("{\"probe\":1}"));
        sqs.sendMessage(r -> r.queueUrl(dlq).messageBody("{\"probe\":2}"));
        try {
            depths.refresh();
            assertEquals(before + 2, shop.metric("shop_queue_depth", "queue=\"inventory-update-dlq\"", "state=\"visible\""));
            for (String queue : List.of("order-processing-queue", "order-processing-dlq", "payment-processing-queue", "email-notification-queue",
                    "inventory-update-queue", "tracking-event-queue", "tracking-event-dlq")) {
                assertTrue(shop.observe("/observe/metrics").body().contains("shop_queue_depth{queue=\"" + queue + "\",state=\"visible\"}"), queue);
            }
        } finally {
            // leave the DLQ as it was for the DLQ tests
            List<Message> probes = sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)).messages();
            probes.stream().filter(m -> m.body().startsWith("{\"probe\"")).forEach(m -> sqs.deleteMessage(r -> r.queueUrl(dlq).receiptHandle(m.receiptHandle())));
        }
    }

    @Test
    void httpAnswersAreCountedByRouteAndStatus(RunningShop shop) {
        double found = shop.metric("shop_http_requests_seconds_count", "route=\"get-product\"", "status=\"200\"");
        double missing = shop.metric("shop_http_requests_seconds_count", "route=\"get-product\"", "status=\"404\"");
        assertEquals(200, shop.get("/api/products/prod-0001").statusCode());
        assertEquals(404, shop.get("/api/products/no-such-product").statusCode());
        assertEquals(found + 1, shop.metric("shop_http_requests_seconds_count", "route=\"get-product\"", "status=\"200\""), httpLines(shop));
        assertEquals(missing + 1, shop.metric("shop_http_requests_seconds_count", "route=\"get-product\"", "status=\"404\""));
        double unauthorized = shop.metric("shop_http_requests_seconds_count", "status=\"401\"");
        assertEquals(401, shop.get("/api/orders").statusCode());
        assertEquals(unauthorized + 1, shop.metric("shop_http_requests_seconds_count", "status=\"401\""), httpLines(shop));
    }

    private static String httpLines(RunningShop shop) {
        return shop.observe("/observe/metrics").body().lines().filter(l -> l.startsWith("shop_http_requests_seconds_count")).toList().toString();
    }
}
