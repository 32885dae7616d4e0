package org.camelshop.ops;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import org.camelshop.platform.ShopMetrics;
import org.camelshop.platform.provision.QueueSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Depth of every work queue and its DLQ, read from SQS's approximate counters and published as the gauge
 * {@code shop_queue_depth{queue, state}} (state: visible = waiting, in_flight = received but not yet deleted,
 * delayed). Refreshed by the {@code poll-queue-depths} timer route; a queue that cannot be read keeps its last value
 * and is counted in {@code shop_queue_depth_poll_failures_total}.
 */
public final class QueueDepths {

    private static final Logger LOG = LoggerFactory.getLogger(QueueDepths.class);

    enum State {
        VISIBLE(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
        IN_FLIGHT(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
        DELAYED(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

        final QueueAttributeName attribute;

        State(QueueAttributeName attribute) {
            this.attribute = attribute;
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final SqsClient sqs;
    private final List<String> queueNames;
    private final ShopMetrics metrics;
    private final Map<String, String> urls = new ConcurrentHashMap<>();
    private final Map<String, Map<State, AtomicLong>> depths = new ConcurrentHashMap<>();

    public QueueDepths(SqsClient sqs, List<QueueSpec> queues, ShopMetrics metrics) {
        this.sqs = sqs;
        this.queueNames = queues.stream().flatMap(q -> java.util.stream.Stream.of(q.name(), q.deadLetterName())).toList();
        this.metrics = metrics;
    }

    /** Reads every queue's counters once; returns the visible messages per queue (the timer route logs nothing). */
    public Map<String, Long> refresh() {
        Map<String, Long> visible = new java.util.LinkedHashMap<>();
        for (String queue : queueNames) {
            try {
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url(queue))
                        .attributeNames(State.VISIBLE.attribute, State.IN_FLIGHT.attribute, State.DELAYED.attribute)).attributes();
                Map<State, AtomicLong> gauges = gauges(queue);
                for (State state : State.values()) {
                    gauges.get(state).set(Long.parseLong(attributes.getOrDefault(state.attribute, "0")));
                }
                visible.put(queue, gauges.get(State.VISIBLE).get());
            } catch (SdkException e) {
                urls.remove(queue);
                metrics.counter("shop_queue_depth_poll_failures", "Queue depth reads that failed (SQS unreachable, queue missing)",
                        "queue", queue).increment();
                LOG.warn("Depth of {} not read: {}", queue, e.getMessage());
            }
        }
        return visible;
    }

    private String url(String queue) {
        return urls.computeIfAbsent(queue, name -> sqs.getQueueUrl(r -> r.queueName(name)).queueUrl());
    }

    private Map<State, AtomicLong> gauges(String queue) {
        return depths.computeIfAbsent(queue, name -> {
            Map<State, AtomicLong> values = new EnumMap<>(State.class);
            for (State state : State.values()) {
                AtomicLong value = new AtomicLong();
                Gauge.builder("shop_queue_depth", value, AtomicLong::get)
                        .description("Approximate messages in an SQS queue or DLQ: visible (waiting), in_flight, delayed")
                        .tags("queue", name, "state", state.label())
                        .register(metrics.registry());
                values.put(state, value);
            }
            return values;
        });
    }
}
