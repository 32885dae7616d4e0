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
 * {@code base × 2^(failures-1)}, capped, and then one consumer of the queue probes while its siblings keep skipping, so
 * an outage costs one failed receive per wait however many consumers a queue has. One log line each time that wait
 * changes and one when polling works again, instead of a stack trace for every failed poll of every consumer.
 */
public final class QueuePolling implements PollingConsumerPollStrategy, ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QueuePolling.class);

    /** {@code nextPollAt} is pushed one wait ahead when a probe starts, so the siblings wait for its outcome. */
    private record Backoff(int failures, long waitMillis, long failedAt, long nextPollAt) {
    }

    private final long baseMillis;
    private final long maxMillis;
    private final Clock clock;
    private final ShopMetrics metrics;
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
    private final Map<Consumer, Long> pollStartedAt = new ConcurrentHashMap<>();
    private final Map<Endpoint, String> keys = new ConcurrentHashMap<>();

    public QueuePolling(long baseMillis, long maxMillis, Clock clock, ShopMetrics metrics) {
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        long now = clock.millis();
        boolean[] polls = {false};
        backoffs.computeIfPresent(key(endpoint), (key, backoff) -> {
            if (now < backoff.nextPollAt()) {
                return backoff;
            }
            polls[0] = true;
            return new Backoff(backoff.failures(), backoff.waitMillis(), backoff.failedAt(), now + backoff.waitMillis());
        });
        if (polls[0] || !backoffs.containsKey(key(endpoint))) {
            pollStartedAt.put(consumer, now);
            return true;
        }
        return false;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        Long started = pollStartedAt.remove(consumer);
        String key = key(endpoint);
        Backoff backoff = backoffs.get(key);
        // a poll that began before the last failure proves nothing: consumers poll concurrently
        if (backoff == null || started == null || started <= backoff.failedAt()) {
            return;
        }
        if (backoffs.remove(key, backoff)) {
            LOG.info("Polling {} works again after {} failed polls", key, backoff.failures());
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        pollStartedAt.remove(consumer);
        if (consumer instanceof org.apache.camel.support.service.ServiceSupport service && service.isStoppingOrStopped()) {
            return false; // a poll cut short by a stop is no outage
        }
        String key = key(endpoint);
        long now = clock.millis();
        Backoff backoff = backoffs.merge(key, new Backoff(1, waitAfter(1), now, now + waitAfter(1)), (previous, first) -> {
            int failures = previous.failures() + 1;
            return new Backoff(failures, waitAfter(failures), now, now + waitAfter(failures));
        });
        metrics.counter("shop_queue_poll_failures", "Failed receives from a queue (SQS unreachable)", "queue", key).increment();
        if (backoff.failures() == 1 || backoff.waitMillis() != waitAfter(backoff.failures() - 1)) {
            LOG.warn("Polling {} failed {} time(s) in a row ({}); next poll in {} ms", key, backoff.failures(), cause.getMessage(), backoff.waitMillis());
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

    private long waitAfter(int failures) {
        return Math.min(maxMillis, baseMillis << Math.min(failures - 1, 30));
    }

    /** The queue's URI without options; kept per endpoint, as sanitizing a URI is regex work and every poll asks. */
    private String key(Endpoint endpoint) {
        return keys.computeIfAbsent(endpoint, e -> {
            String uri = URISupport.sanitizeUri(e.getEndpointUri());
            int query = uri.indexOf('?');
            return query > 0 ? uri.substring(0, query) : uri;
        });
    }
}
