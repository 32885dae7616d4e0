package org.camelshop.platform;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;

/**
 * Rate-limit counters for the large limits: a request is counted in this instance's memory and decided there, against
 * the shared count this instance last learnt from Redis plus its own requests since; {@link #flush()}, run in the
 * background every few tens of milliseconds, adds every counter's new requests to Redis in one round trip and learns
 * the shared counts back. The estimate is never above the true shared count, so nothing is refused that the exact
 * counter would let through; what the other instances counted since their last flush is seen one flush later
 * (docs/scale-out.md, "How exact the limits are"). Fixed windows as in Redis: a window starts with a counter's first
 * request and its end is the key's expiry, learnt with every flush.
 */
final class BatchedCounters {

    // per key: add this instance's new requests, give a new counter its window, {count, ms left}
    private static final String ADD = """
            local result = {}
            for i, key in ipairs(KEYS) do
              result[2 * i - 1] = redis.call('INCRBY', key, ARGV[2 * i - 1])
              local left = redis.call('PTTL', key)
              if left < 0 then
                redis.call('PEXPIRE', key, ARGV[2 * i])
                left = tonumber(ARGV[2 * i])
              end
              result[2 * i] = left
            end
            return result""";

    // ended windows are dropped from memory this often, not on the request path
    private static final long SWEEP_EVERY_MS = 1_000;

    /** What the last flush learnt: the shared count, how many of this instance's requests it includes, the window's end. */
    private record Known(long shared, long sent, long endsAt) {
    }

    private static final class Counter {
        private final String key;
        private final RateLimiter.Policy policy;
        private final AtomicLong counted = new AtomicLong();
        private final AtomicBoolean touched = new AtomicBoolean();
        private volatile Known known;

        private Counter(String key, RateLimiter.Policy policy, long now) {
            this.key = key;
            this.policy = policy;
            this.known = new Known(0, 0, now + policy.windowSeconds() * 1000L);
        }
    }

    private final RedisConnection redis;
    private final ShopMetrics metrics;
    private final Clock clock;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Counter> touched = new ConcurrentLinkedQueue<>();
    private volatile boolean redisDown;
    private long nextSweep;

    BatchedCounters(RedisConnection redis, ShopMetrics metrics, Clock clock) {
        this.redis = redis;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Counts one request: {the shared count as far as this instance knows, including this request; ms left in the window}. */
    long[] count(String key, RateLimiter.Policy policy) {
        long now = clock.millis();
        Counter counter = counters.get(key);
        if (counter == null || counter.known.endsAt() <= now) {
            counter = counters.compute(key, (k, c) -> c == null || c.known.endsAt() <= now ? new Counter(k, policy, now) : c);
        }
        long counted = counter.counted.incrementAndGet();
        Known known = counter.known;
        if (counter.touched.compareAndSet(false, true)) {
            touched.add(counter);
        }
        if (redisDown) {
            RateLimiter.countedLocally(metrics, policy);
        }
        return new long[] {known.shared() + counted - known.sent(), known.endsAt() - now};
    }

    /** Adds the requests counted since the last flush to Redis, one round trip for all keys, and learns the shared counts. */
    void flush() {
        long now = clock.millis();
        List<Counter> batch = new ArrayList<>();
        List<Long> upTo = new ArrayList<>();
        for (Counter counter = touched.poll(); counter != null; counter = touched.poll()) {
            counter.touched.set(false); // before reading the count: a request counted after this marks it again
            long counted = counter.counted.get();
            Known known = counter.known;
            if (counted > known.sent() && known.endsAt() > now) {
                batch.add(counter);
                upTo.add(counted);
            }
        }
        if (!batch.isEmpty()) {
            add(batch, upTo);
        }
        if (now >= nextSweep) {
            counters.values().removeIf(counter -> counter.known.endsAt() <= now);
            nextSweep = now + SWEEP_EVERY_MS;
        }
    }

    private void add(List<Counter> batch, List<Long> upTo) {
        String[] keys = new String[batch.size()];
        String[] args = new String[2 * batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Counter counter = batch.get(i);
            keys[i] = counter.key;
            args[2 * i] = Long.toString(upTo.get(i) - counter.known.sent());
            args[2 * i + 1] = Long.toString(counter.policy.windowSeconds() * 1000L);
        }
        List<Object> result;
        try {
            result = redis.script(ADD, ScriptOutputType.MULTI, keys, args);
        } catch (RedisException e) {
            // counted here alone until Redis is back; the next flush sends these requests again
            redisDown = true;
            batch.forEach(counter -> {
                if (counter.touched.compareAndSet(false, true)) {
                    touched.add(counter);
                }
            });
            return;
        }
        redisDown = false;
        long at = clock.millis();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).known = new Known((Long) result.get(2 * i), upTo.get(i), at + (Long) result.get(2 * i + 1));
        }
    }
}
