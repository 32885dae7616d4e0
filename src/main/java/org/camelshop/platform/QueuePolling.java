package org.camelshop.platform;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How queue consumers behave while SQS cannot be reached (every aws2-sqs consumer names this bean as its
 * {@code pollStrategy} and {@code exceptionHandler}): after a failed receive the next one waits
 * {@code base × 2^(failures-1)}, capped, and polls in between are skipped. One log line each time that wait changes and
 * one when polling works again, instead of a stack trace for every failed poll of every consumer.
 */
public final class QueuePolling implements PollingConsumerPollStrategy, ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QueuePolling.class);

    private record Backoff(int failures, long waitMillis, long nextPollAt) {
    }

    private final long baseMillis;
    private final long maxMillis;
    private final Clock clock;
    private final ShopMetrics metrics;
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();

    public QueuePolling(long baseMillis, long maxMillis, Clock clock, ShopMetrics metrics) {
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        Backoff backoff = backoffs.get(key(endpoint));
        return backoff == null || clock.millis() >= backoff.nextPollAt();
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        String key = key(endpoint);
        Backoff backoff = backoffs.get(key);
        // before nextPollAt, a poll that succeeds began before the last failure (consumers poll concurrently): no proof yet
        if (backoff == null || clock.millis() < backoff.nextPollAt()) {
            return;
        }
        Backoff ended = backoffs.remove(key);
        if (ended != null) {
            LOG.info("Polling {} works again after {} failed polls", key, ended.failures());
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        if (consumer instanceof org.apache.camel.support.service.ServiceSupport service && service.isStoppingOrStopped()) {
            return false; // a poll cut short by a stop is no outage
        }
        String key = key(endpoint);
        Backoff previous = backoffs.get(key);
        int failures = previous == null ? 1 : previous.failures() + 1;
        long wait = Math.min(maxMillis, baseMillis << Math.min(failures - 1, 30));
        backoffs.put(key, new Backoff(failures, wait, clock.millis() + wait));
        metrics.counter("shop_queue_poll_failures", "Failed receives from a queue (SQS unreachable)", "queue", key).increment();
        if (previous == null || previous.waitMillis() != wait) {
            LOG.warn("Polling {} failed {} time(s) in a row ({}); next poll in {} ms", key, failures, cause.getMessage(), wait);
        }
        return false;
    }

    /** Failed polls are logged by {@link #rollback}, failed messages by their route; anything else a consumer reports gets one line. */
    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        // a failed exchange was logged by the route's error handling (DeadLetters)
        if (exchange != null || message != null && message.startsWith("Failed polling endpoint")) {
            return;
        }
        LOG.warn("{}: {}", message != null ? message : "Queue consumer failure", exception.toString());
    }

    private static String key(Endpoint endpoint) {
        String uri = URISupport.sanitizeUri(endpoint.getEndpointUri());
        int query = uri.indexOf('?');
        return query > 0 ? uri.substring(0, query) : uri;
    }
}
