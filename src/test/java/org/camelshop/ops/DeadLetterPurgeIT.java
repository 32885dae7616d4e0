package org.camelshop.ops;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The admin DLQ tool the pages didn't bring: purge (list, inspect and redrive are PageToolsIT's). */
@ExtendWith(LocalStackExtension.class)
class DeadLetterPurgeIT {

    @Test
    void anAdminPurgesADeadLetterQueue(RunningShop shop, LocalStack stack) {
        SqsClient sqs = stack.awsClients().sqs();
        String dlq = sqs.getQueueUrl(r -> r.queueName("tracking-event-dlq")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(dlq).messageBody("{\"poison\":1}"));
        sqs.sendMessage(r -> r.queueUrl(dlq).messageBody("{\"poison\":2}"));

        assertEquals(403, shop.call("DELETE", "/api/admin/dlq/tracking-event-queue", null, shop.newShopper("Not Ops")).statusCode());
        assertEquals(401, shop.call("DELETE", "/api/admin/dlq/tracking-event-queue", null, null).statusCode());
        String admin = shop.loginAdmin();
        assertEquals(404, shop.call("DELETE", "/api/admin/dlq/no-such-queue", null, admin).statusCode());

        HttpResponse<String> purged = shop.call("DELETE", "/api/admin/dlq/tracking-event-queue", null, admin);
        assertEquals(200, purged.statusCode(), purged.body());
        JsonNode answer = json(purged);
        assertEquals("tracking-event-dlq", answer.get("dlq").asText());
        assertTrue(answer.get("purged").asInt() >= 2, purged.body());
        await().atMost(Duration.ofSeconds(10)).until(() -> depthOf(shop, admin) == 0);
    }

    private static int depthOf(RunningShop shop, String admin) {
        for (JsonNode queue : json(shop.call("GET", "/api/admin/dlq", null, admin)).get("queues")) {
            if (queue.get("dlq").asText().equals("tracking-event-dlq")) {
                return queue.get("depth").asInt();
            }
        }
        throw new AssertionError("tracking-event-dlq not listed");
    }
}
