package org.camelshop.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Failure handling shared by every queue consumer (routes/queue-consumers.yaml). SQS does the retrying: a failed
 * message is not deleted and comes back. Before it does, its visibility is set to a growing back-off
 * ({@code base × 4^(receive-1)}). On the last allowed receive the message, with the failure reason as message
 * attributes, is written to the queue's DLQ <em>first</em>, and only then is the failure marked handled, which lets
 * Camel delete the original. The queue's own redrive policy (3 receives) is the safety net if even that fails.
 * A failure because a circuit breaker is open is not the message's fault: it is deferred, not counted.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private final SqsClient sqs;
    private final int maxReceives;
    private final int baseBackoffSeconds;
    private final int deferSeconds;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private final ShopMetrics metrics;

    /** {@code deferSeconds}: how long a message waits while a circuit breaker keeps a dependency closed off. */
    public DeadLetters(SqsClient sqs, int maxReceives, int baseBackoffSeconds, int deferSeconds, ShopMetrics metrics) {
        this.sqs = sqs;
        this.metrics = metrics;
        this.maxReceives = maxReceives;
        this.baseBackoffSeconds = baseBackoffSeconds;
        this.deferSeconds = Math.min(MAX_SQS_DELAY_SECONDS, deferSeconds);
    }

    private static final int MAX_SQS_DELAY_SECONDS = 900;

    /** Whether this failed delivery was the last one SQS would make. */
    public boolean isLastAttempt(Exchange exchange) {
        return receiveCount(exchange.getMessage()) >= maxReceives;
    }

    /**
     * Whether the failure was an open circuit breaker: the dependency is down, the message is fine. Such a message
     * must not use up its receives (it would end in the DLQ after an outage of a minute), so it is deferred instead.
     */
    public boolean isDependencyDown(Exchange exchange) {
        return isOpenBreaker(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    public static boolean isOpenBreaker(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CallNotPermittedException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure handling writes a copy of the message (DLQ or deferred), so the original may be deleted. */
    public boolean isCopied(Exchange exchange) {
        return !isInProcess(exchange) && (isDependencyDown(exchange) || isLastAttempt(exchange));
    }

    /**
     * Whether the message was handed over in process rather than received from SQS (queues switched off, see
     * {@code shop.queues.enabled=false}): its failure belongs to the sender, there is nothing to retry or copy.
     */
    public boolean isInProcess(Exchange exchange) {
        return exchange.getMessage().getHeader("CamelAwsSqsReceiptHandle") == null;
    }

    /**
     * Puts a fresh copy of the original message back on its queue, delivered after the breaker's open period, with
     * its receive count starting over; the original is then deleted. Repeats for as long as the outage lasts.
     */
    public void deferUntilDependencyBack(Exchange exchange) {
        Message message = exchange.getMessage();
        sqs.sendMessage(r -> r.queueUrl(url(queueName(exchange))).messageBody(message.getBody(String.class)).delaySeconds(deferSeconds));
        LOG.warn("Message {} from {} deferred {} s: a circuit breaker is open", message.getHeader("CamelAwsSqsMessageId"),
                queueName(exchange), deferSeconds);
        count(exchange, "deferred");
    }

    /** Copies the original message and why it failed to the DLQ of the queue it came from. */
    public void moveToDeadLetterQueue(Exchange exchange) {
        Message message = exchange.getMessage();
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String queue = queueName(exchange);
        String dlq = queue.replaceFirst("-queue$", "") + "-dlq";
        String reason = failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        sqs.sendMessage(r -> r.queueUrl(url(dlq)).messageBody(message.getBody(String.class)).messageAttributes(Map.of(
                "failure_reason", text(reason.length() > 1000 ? reason.substring(0, 1000) : reason),
                "failed_route", text(exchange.getFromRouteId()),
                "receive_count", text(Integer.toString(receiveCount(message))),
                "original_message_id", text(message.getHeader("CamelAwsSqsMessageId", "", String.class)))));
        LOG.error("Message {} from {} moved to {} after {} receives: {}", message.getHeader("CamelAwsSqsMessageId"), queue, dlq,
                receiveCount(message), reason, failure);
        count(exchange, "dead_lettered");
    }

    /** Delays the next delivery of a failed message, growing with each receive. */
    public void retryLater(Exchange exchange) {
        Message message = exchange.getMessage();
        String receipt = message.getHeader("CamelAwsSqsReceiptHandle", String.class);
        if (receipt == null) {
            return;
        }
        int delay = (int) Math.min(43_200, baseBackoffSeconds * Math.pow(4, receiveCount(message) - 1));
        sqs.changeMessageVisibility(r -> r.queueUrl(url(queueName(exchange))).receiptHandle(receipt).visibilityTimeout(delay));
        LOG.warn("Message {} from {} failed (receive {}): {}; next try in {} s", message.getHeader("CamelAwsSqsMessageId"),
                queueName(exchange), receiveCount(message), exchange.getProperty(Exchange.EXCEPTION_CAUGHT), delay);
        count(exchange, "retried");
    }

    private void count(Exchange exchange, String outcome) {
        metrics.counter("shop_queue_failures", "Failed queue messages by what became of them: retried, deferred (breaker open), dead_lettered",
                "queue", queueName(exchange), "outcome", outcome).increment();
    }

    private static int receiveCount(Message message) {
        Map<?, ?> attributes = message.getHeader("CamelAwsSqsAttributes", Map.class);
        Object count = attributes == null ? null : attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        if (count == null && attributes != null) {
            count = attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString());
        }
        return count == null ? 1 : Integer.parseInt(count.toString());
    }

    private static String queueName(Exchange exchange) {
        String uri = exchange.getFromEndpoint().getEndpointBaseUri();
        return uri.substring(uri.lastIndexOf('/') + 1).replaceFirst("^aws2-sqs:", "");
    }

    private String url(String queue) {
        return queueUrls.computeIfAbsent(queue, name -> sqs.getQueueUrl(r -> r.queueName(name)).queueUrl());
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
