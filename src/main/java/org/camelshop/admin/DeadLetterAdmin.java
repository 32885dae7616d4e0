package org.camelshop.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camelshop.platform.ApiException;
import org.camelshop.platform.provision.QueueSpec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The admin's view of the dead-letter queues: {@code GET /api/admin/dlq} lists each queue with its DLQ's depth and a
 * peek at up to 10 of its messages (body and the failure_reason / failed_route / receive_count attributes
 * DeadLetters wrote); peeking receives with visibility 0, so the messages stay where they are.
 * {@code POST /api/admin/dlq/{queue}/redrive} moves every message of that queue's DLQ back to the queue, without the
 * failure attributes: send first, then delete, so a crash in between leaves a duplicate (consumers are idempotent),
 * never a loss. {@code DELETE /api/admin/dlq/{queue}} purges the queue's DLQ (the messages are gone for good).
 * Both are logged with the admin who asked (routes/admin.yaml).
 */
public final class DeadLetterAdmin {

    private static final int PEEK = 10;
    private static final List<String> FAILURE_ATTRIBUTES = List.of("failure_reason", "failed_route", "receive_count", "original_message_id");
    private static final int MAX_REDRIVE = 10_000;
    private final SqsClient sqs;
    private final List<QueueSpec> queues;

    public DeadLetterAdmin(SqsClient sqs, List<QueueSpec> queues) {
        this.sqs = sqs;
        this.queues = queues;
    }

    public Map<String, Object> list() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueueSpec queue : queues) {
            String dlqUrl = url(queue.deadLetterName());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("queue", queue.name());
            row.put("dlq", queue.deadLetterName());
            row.put("queue_depth", depth(url(queue.name())));
            row.put("depth", depth(dlqUrl));
            List<Map<String, Object>> messages = new ArrayList<>();
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(dlqUrl).maxNumberOfMessages(PEEK).visibilityTimeout(0).waitTimeSeconds(0)
                    .messageAttributeNames("All")).messages()) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("message_id", m.messageId());
                view.put("body", m.body().length() > 2000 ? m.body().substring(0, 2000) + "…" : m.body());
                Map<String, String> attributes = new LinkedHashMap<>();
                // only what DeadLetters wrote: a message dead-lettered by the queue's own redrive may still carry
                // attributes copied from the request that queued it, which are nobody's business here
                m.messageAttributes().forEach((k, v) -> {
                    if (FAILURE_ATTRIBUTES.contains(k)) {
                        attributes.put(k, v.stringValue());
                    }
                });
                view.put("attributes", attributes);
                view.put("failure_reason", attributes.getOrDefault("failure_reason", null));
                messages.add(view);
            }
            row.put("messages", messages);
            rows.add(row);
        }
        return Map.of("queues", rows);
    }

    public Map<String, Object> redrive(String queueName) {
        QueueSpec queue = queue(queueName);
        String source = url(queue.name());
        String dlq = url(queue.deadLetterName());
        int moved = 0;
        while (moved < MAX_REDRIVE) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(60).waitTimeSeconds(0)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                break;
            }
            for (Message m : batch) {
                Map<String, MessageAttributeValue> kept = new LinkedHashMap<>(m.messageAttributes());
                FAILURE_ATTRIBUTES.forEach(kept::remove);
                sqs.sendMessage(r -> r.queueUrl(source).messageBody(m.body()).messageAttributes(kept));
                sqs.deleteMessage(r -> r.queueUrl(dlq).receiptHandle(m.receiptHandle()));
                moved++;
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queue", queue.name());
        answer.put("dlq", queue.deadLetterName());
        answer.put("moved", moved);
        return answer;
    }

    /** Deletes every message of the queue's DLQ; answers the approximate count before. */
    public Map<String, Object> purge(String queueName) {
        QueueSpec queue = queue(queueName);
        String dlq = url(queue.deadLetterName());
        int depth = depth(dlq);
        sqs.purgeQueue(r -> r.queueUrl(dlq));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queue", queue.name());
        answer.put("dlq", queue.deadLetterName());
        answer.put("purged", depth);
        return answer;
    }

    private QueueSpec queue(String queueName) {
        return queues.stream().filter(q -> q.name().equals(queueName) || q.deadLetterName().equals(queueName)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Queue " + queueName));
    }

    private String url(String name) {
        return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
    }

    private int depth(String url) {
        String value = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return value == null ? 0 : Integer.parseInt(value);
    }
}
