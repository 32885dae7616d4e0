package org.camelshop.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

/**
 * Deletes the messages of a queue poll in one {@code DeleteMessageBatch} instead of one {@code DeleteMessage} each
 * (consumers run with {@code deleteAfterRead=false} and call {@link #deleteWhenDone} first). The rule stays the
 * consumer's own: a message is deleted only once its exchange completed (processed, or its failure handled by copying
 * it to the DLQ or re-sending it); a failed one is left to come back. The handles wait until the poll's last message is
 * done, so a batch holds up to a poll's worth. A delete that fails (SQS unreachable, a handle expired) is logged and the
 * message comes back, as it would after a crash: every consumer gives a redelivery no second effect. A stop that cut a
 * poll short deletes what that poll had completed (a context service: stopped after the routes).
 */
public final class QueueDeletes extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(QueueDeletes.class);
    /** SQS takes at most 10 entries per batch. */
    private static final int MAX_BATCH = 10;

    private final SqsClient sqs;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private final Map<String, Queue<String>> pending = new ConcurrentHashMap<>();

    public QueueDeletes(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** Arranges for this queue message to be deleted, with its poll's others, once its exchange has completed. */
    public void deleteWhenDone(Exchange exchange) {
        String handle = exchange.getMessage().getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class);
        if (handle == null || !(exchange.getFromEndpoint() instanceof Sqs2Endpoint endpoint)) {
            return; // handed over in process (queues off): nothing to delete
        }
        String queue = endpoint.getConfiguration().getQueueName();
        boolean lastOfPoll = exchange.getProperty(ExchangePropertyKey.BATCH_COMPLETE, true, Boolean.class);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                pending.computeIfAbsent(queue, q -> new ConcurrentLinkedQueue<>()).add(handle);
                if (lastOfPoll) {
                    flush(queue);
                }
            }

            @Override
            public void onFailure(Exchange failed) {
                if (lastOfPoll) {
                    flush(queue); // the poll's other messages; this one comes back
                }
            }
        });
    }

    @Override
    protected void doStop() {
        pending.keySet().forEach(this::flush);
    }

    /** Deletes every handle of {@code queue} collected so far, 10 per call. */
    void flush(String queue) {
        Queue<String> handles = pending.get(queue);
        if (handles == null) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> batch = new ArrayList<>(MAX_BATCH);
        for (String handle = handles.poll(); handle != null; handle = handles.poll()) {
            batch.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(batch.size())).receiptHandle(handle).build());
            if (batch.size() == MAX_BATCH) {
                delete(queue, batch);
                batch = new ArrayList<>(MAX_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            delete(queue, batch);
        }
    }

    private void delete(String queue, List<DeleteMessageBatchRequestEntry> batch) {
        try {
            String url = queueUrls.computeIfAbsent(queue, name -> sqs.getQueueUrl(r -> r.queueName(name)).queueUrl());
            var failed = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(batch)).failed();
            if (!failed.isEmpty()) {
                LOG.warn("{} of {} processed messages of {} not deleted ({}); they come back and are recognised as done",
                        failed.size(), batch.size(), queue, failed.get(0).message());
            }
        } catch (RuntimeException e) {
            LOG.warn("{} processed messages of {} not deleted ({}); they come back and are recognised as done", batch.size(), queue, e.toString());
        }
    }
}
