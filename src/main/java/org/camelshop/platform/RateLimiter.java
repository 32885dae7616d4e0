package org.camelshop.platform;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request limits shared by every instance through Redis: each policy allows {@code limit} requests per window
 * per subject (one counter for everyone, or one per user / client). Policies are matched by method and path
 * prefix from configuration, so any route is covered without code. A breach is a 429 with Retry-After and
 * X-RateLimit-* headers, logged and counted. If Redis is down, each instance counts on its own in memory (and counts
 * how often it had to): the limit then holds per instance rather than not at all.
 */
public final class RateLimiter {

    /** Who shares one counter. */
    public enum Scope { GLOBAL, USER, CLIENT }

    /** A limit and the requests it covers: {@code "POST /api/payment/"}, {@code "* /api/cart"}. */
    public record Policy(String name, int limit, int windowSeconds, Scope scope, List<String> matches) {

        boolean covers(String method, String path) {
            return matches.stream().anyMatch(match -> {
                int space = match.indexOf(' ');
                String matchMethod = match.substring(0, space);
                String prefix = match.substring(space + 1);
                return ("*".equals(matchMethod) || matchMethod.equalsIgnoreCase(method)) && path.startsWith(prefix);
            });
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    // window starts with the first request: INCR, and set the expiry when the counter is new
    private static final String COUNT = """
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {count, redis.call('PTTL', KEYS[1])}""";

    private final RedisConnection redis;
    private final List<Policy> policies;
    private final String namespace;
    private final ShopMetrics metrics;
    private final LocalWindows local = new LocalWindows();

    /** Policies are tried in order; the first that covers a request applies, so put the general one last. */
    public RateLimiter(RedisConnection redis, List<Policy> policies, String namespace, ShopMetrics metrics) {
        this.redis = redis;
        this.policies = List.copyOf(policies);
        this.namespace = namespace;
        this.metrics = metrics;
    }

    public void check(Exchange exchange) {
        Message message = exchange.getMessage();
        String method = message.getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        String path = message.getHeader(Exchange.HTTP_PATH, "", String.class);
        Optional<Policy> policy = policies.stream().filter(p -> p.covers(method, path)).findFirst();
        if (policy.isPresent()) {
            apply(exchange, policy.get());
        }
    }

    private void apply(Exchange exchange, Policy policy) {
        String key = "ratelimit:" + namespace + ":" + policy.name() + ":" + subject(exchange, policy.scope());
        List<Object> result;
        try {
            result = redis.script(COUNT, ScriptOutputType.MULTI, new String[] {key}, Long.toString(policy.windowSeconds() * 1000L));
        } catch (RedisException e) {
            metrics.counter("shop_rate_limit_local", "Requests counted by this instance alone because Redis was unreachable",
                    "policy", policy.name()).increment();
            result = local.count(key, policy.windowSeconds() * 1000L);
        }
        long count = (Long) result.get(0);
        long remaining = Math.max(0, policy.limit() - count);
        Message message = exchange.getMessage();
        message.setHeader("X-RateLimit-Limit", policy.limit());
        message.setHeader("X-RateLimit-Remaining", remaining);
        if (count > policy.limit()) {
            long retryAfter = Math.max(1, ((Long) result.get(1) + 999) / 1000);
            metrics.counter("shop_rate_limit_breaches", "Requests refused with 429", "policy", policy.name()).increment();
            LOG.warn("Rate limit {} exceeded by {} ({} requests in the window)", policy.name(), key, count);
            throw new ApiException(429, "rate_limited", "Too many requests; try again in " + retryAfter + " s", List.of(),
                    Map.of("Retry-After", Long.toString(retryAfter), "X-RateLimit-Limit", Integer.toString(policy.limit()),
                            "X-RateLimit-Remaining", "0"));
        }
    }

    /** The Redis script's fixed windows, kept in this instance's memory: {count, milliseconds left}. */
    static final class LocalWindows {
        private static final int PRUNE_ABOVE = 10_000;

        private record Window(long endsAt, java.util.concurrent.atomic.AtomicLong count) {
        }

        private final java.util.concurrent.ConcurrentHashMap<String, Window> windows = new java.util.concurrent.ConcurrentHashMap<>();

        List<Object> count(String key, long windowMillis) {
            long now = System.currentTimeMillis();
            if (windows.size() > PRUNE_ABOVE) {
                windows.values().removeIf(w -> w.endsAt() <= now);
            }
            Window window = windows.compute(key, (k, w) -> w == null || w.endsAt() <= now
                    ? new Window(now + windowMillis, new java.util.concurrent.atomic.AtomicLong()) : w);
            return List.of(window.count().incrementAndGet(), window.endsAt() - now);
        }
    }

    private static String subject(Exchange exchange, Scope scope) {
        return switch (scope) {
            case GLOBAL -> "all";
            case USER -> Identity.current(exchange).map(user -> "user:" + user.userId()).orElseGet(() -> "client:" + clientAddress(exchange));
            case CLIENT -> "client:" + clientAddress(exchange);
        };
    }

    static String clientAddress(Exchange exchange) {
        Object remote = exchange.getMessage().getHeader("CamelVertxPlatformHttpRemoteAddress");
        if (remote instanceof SocketAddress address) {
            return address.hostAddress();
        }
        if (remote instanceof InetSocketAddress address) {
            return address.getAddress().getHostAddress();
        }
        return "unknown";
    }

    public static Scope scope(String value) {
        return Scope.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
