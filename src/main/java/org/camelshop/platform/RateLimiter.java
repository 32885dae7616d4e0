package org.camelshop.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request limits shared by every instance through Redis: each policy allows {@code limit} requests per window
 * per subject — one counter for everyone, or one per user, per client address ({@link ClientAddresses}: the shopper's
 * machine, also behind a trusted proxy) or per account named in the body (logins). A policy may count by several
 * scopes at once ({@code client,account}); any one over the limit refuses. Policies are matched by method and path
 * prefix from configuration, so any route is covered without code. A breach is a 429 with Retry-After and
 * X-RateLimit-* headers, logged and counted. A policy counts either exactly (one Redis round trip per request, for the
 * small limits: logins, payments) or batched ({@link BatchedCounters}: decided in memory, synced to Redis in the
 * background, for the large limits of the public API). If Redis is down, each instance counts on its own in memory
 * (and counts how often it had to): the limit then holds per instance rather than not at all.
 */
public final class RateLimiter extends ServiceSupport {

    /** Who shares one counter. */
    public enum Scope { GLOBAL, USER, CLIENT, ACCOUNT }

    /** How a policy's counters reach Redis: on every request, or added in the background every sync interval. */
    public enum Sync { EXACT, BATCHED }

    /** A limit, whom it counts by, the requests it covers ({@code "POST /api/payment/"}, {@code "* /api/cart"}), how it syncs. */
    public record Policy(String name, int limit, int windowSeconds, List<Scope> scopes, List<String> matches, Sync sync) {

        public Policy(String name, int limit, int windowSeconds, Scope scope, List<String> matches, Sync sync) {
            this(name, limit, windowSeconds, List.of(scope), matches, sync);
        }

        boolean covers(String method, String path) {
            // every API request walks the policies' matches: compared in place, nothing cut out of them
            for (String match : matches) {
                int space = match.indexOf(' ');
                boolean anyMethod = space == 1 && match.charAt(0) == '*';
                if ((anyMethod || space == method.length() && match.regionMatches(true, 0, method, 0, space))
                        && path.regionMatches(0, match, space + 1, match.length() - space - 1)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    // each counter's window starts with its first request: INCR, and set the expiry when the counter is new. The
    // policy's counters (one per scope) in one round trip, {count, ms left} per key, up to the first one over the
    // limit: a refused request is not counted against the scopes after it
    private static final String COUNT = """
            local result = {}
            for i, key in ipairs(KEYS) do
              local count = redis.call('INCR', key)
              if count == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
              result[2 * i - 1] = count
              result[2 * i] = redis.call('PTTL', key)
              if count > tonumber(ARGV[2]) then return result end
            end
            return result""";

    /**
     * The limits ({@code shop.rate-limit.*}, defaults in application.properties): the Redis key namespace, the policies
     * named by {@code shop.rate-limit.policies} in matching order (each with its limit, window, scope, matches and
     * sync), how often batched counts go to Redis, and the proxies whose forwarding headers name the client
     * ({@code shop.http.trusted-proxies}, empty trusts none).
     */
    public record Settings(String namespace, List<Policy> policies, Duration syncInterval, ClientAddresses clients) {

        public static Settings from(ShopSettings settings) {
            List<Policy> policies = java.util.Arrays.stream(settings.get("shop.rate-limit.policies").split(",")).map(String::trim)
                    .filter(name -> !name.isEmpty()).map(name -> {
                        String prefix = "shop.rate-limit." + name + ".";
                        return new Policy(name, settings.getInt(prefix + "limit"), settings.getInt(prefix + "window-seconds"),
                                scopes(settings.get(prefix + "scope")),
                                java.util.Arrays.stream(settings.get(prefix + "matches").split(",")).map(String::trim).toList(),
                                Sync.valueOf(settings.get(prefix + "sync").trim().toUpperCase(Locale.ROOT)));
                    }).toList();
            return new Settings(settings.get("shop.rate-limit.namespace"), policies,
                    Duration.ofMillis(settings.getInt("shop.rate-limit.sync-interval-ms")),
                    ClientAddresses.trusting(settings.get("shop.http.trusted-proxies", "")));
        }
    }

    private final RedisConnection redis;
    private final List<Policy> policies;
    private final String namespace;
    private final ClientAddresses clients;
    private final ShopMetrics metrics;
    private final LocalWindows local = new LocalWindows();
    private final BatchedCounters batched;
    private final Duration syncInterval;
    private final ScheduledExecutorService syncer;
    private ScheduledFuture<?> syncing;

    /**
     * Policies are tried in order; the first that covers a request applies, so put the general one last. Batched
     * counts go to Redis on {@code syncer} while this service runs.
     */
    public RateLimiter(RedisConnection redis, Settings settings, ShopMetrics metrics, Clock clock, ScheduledExecutorService syncer) {
        this.redis = redis;
        this.policies = List.copyOf(settings.policies());
        this.namespace = settings.namespace();
        this.clients = settings.clients();
        this.metrics = metrics;
        this.batched = new BatchedCounters(redis, metrics, clock);
        this.syncInterval = settings.syncInterval();
        this.syncer = syncer;
    }

    @Override
    protected void doStart() {
        if (policies.stream().anyMatch(policy -> policy.sync() == Sync.BATCHED)) {
            long millis = syncInterval.toMillis();
            syncing = syncer.scheduleWithFixedDelay(this::sync, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() {
        if (syncing != null) {
            syncing.cancel(false);
        }
    }

    /** Sends the batched counts to Redis now (the background sync does this every sync interval). */
    void sync() {
        try {
            batched.flush();
        } catch (RuntimeException e) {
            // an exception would cancel the periodic sync for good: batched limits would then hold per instance only
            LOG.warn("Rate-limit sync failed: {}", e.toString());
        }
    }

    public void check(Exchange exchange) {
        Message message = exchange.getMessage();
        String method = message.getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        String path = message.getHeader(Exchange.HTTP_PATH, "", String.class);
        Policy policy = policies.stream().filter(p -> p.covers(method, path)).findFirst().orElse(null);
        if (policy == null) {
            return;
        }
        String[] keys = policy.scopes().stream().map(scope -> subject(exchange, scope)).flatMap(Optional::stream)
                .map(subject -> "ratelimit:" + namespace + ":" + policy.name() + ":" + subject).toArray(String[]::new);
        if (keys.length == 0) {
            return;
        }
        if (policy.sync() == Sync.BATCHED) {
            // like the script: a request refused by one scope is not counted against the scopes after it
            for (String key : keys) {
                long[] counted = batched.count(key, policy);
                apply(exchange, policy, key, counted[0], counted[1]);
            }
            return;
        }
        List<Object> counted = count(policy, keys);
        for (int i = 0; i < counted.size() / 2; i++) {
            apply(exchange, policy, keys[i], (Long) counted.get(2 * i), (Long) counted.get(2 * i + 1));
        }
    }

    static void countedLocally(ShopMetrics metrics, Policy policy) {
        metrics.counter("shop_rate_limit_local", "Requests counted by this instance alone because Redis was unreachable",
                "policy", policy.name()).increment();
    }

    private List<Object> count(Policy policy, String[] keys) {
        long windowMillis = policy.windowSeconds() * 1000L;
        try {
            return redis.script(COUNT, ScriptOutputType.MULTI, keys, Long.toString(windowMillis), Integer.toString(policy.limit()));
        } catch (RedisException e) {
            countedLocally(metrics, policy);
            List<Object> counted = new java.util.ArrayList<>();
            for (String key : keys) {
                List<Object> one = local.count(key, windowMillis);
                counted.addAll(one);
                if ((Long) one.get(0) > policy.limit()) {
                    break;
                }
            }
            return counted;
        }
    }

    private void apply(Exchange exchange, Policy policy, String key, long count, long millisLeft) {
        long remaining = Math.max(0, policy.limit() - count);
        Message message = exchange.getMessage();
        message.setHeader("X-RateLimit-Limit", policy.limit());
        message.setHeader("X-RateLimit-Remaining", remaining);
        if (count > policy.limit()) {
            long retryAfter = Math.max(1, (millisLeft + 999) / 1000);
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

    /** Whose counter a request counts on under one scope; empty when the request names no account. */
    private Optional<String> subject(Exchange exchange, Scope scope) {
        return switch (scope) {
            case GLOBAL -> Optional.of("all");
            case USER -> Optional.of(Identity.current(exchange).map(user -> "user:" + user.userId()).orElseGet(() -> "client:" + clients.of(exchange)));
            case CLIENT -> Optional.of("client:" + clients.of(exchange));
            case ACCOUNT -> account(exchange).map(email -> "account:" + email);
        };
    }

    /** The e-mail a login names, lower-cased: guessing one account's password from many machines is still limited. */
    private static Optional<String> account(Exchange exchange) {
        try {
            String body = exchange.getMessage().getBody(String.class);
            return Optional.ofNullable(body == null ? null : Json.mapper().readTree(body).path("email").asText(null))
                    .map(email -> email.trim().toLowerCase(Locale.ROOT)).filter(email -> !email.isEmpty() && email.length() <= 254);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty(); // not JSON: the route answers 400, the client limit still counted it
        }
    }

    /** {@code client,account} → both scopes. */
    public static List<Scope> scopes(String value) {
        return java.util.Arrays.stream(value.split(",")).map(RateLimiter::scope).toList();
    }

    public static Scope scope(String value) {
        return Scope.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
