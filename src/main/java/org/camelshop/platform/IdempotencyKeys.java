package org.camelshop.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import org.apache.camel.Exchange;

/**
 * The {@code Idempotency-Key} header of requests that create orders or move money, kept the way Stripe keeps it:
 * the key is claimed atomically (SET NX) before anything happens and bound to a hash of the request (method, path,
 * body; the caller is part of the key), for 24 h. The same request again gets the first answer (header
 * {@code Idempotent-Replayed: true}); a copy arriving while the first is still running waits for its answer, and
 * gets {@code 409 idempotency_in_progress} with {@code Retry-After} only if that takes too long; another request
 * with the same key is {@code 409 idempotency_key_reused} and leaves the first intact. A failed first attempt frees
 * the key only if it wrote nothing: every flow {@link #remember remembers} its answer as soon as its effect is
 * durable, and {@link #release} only deletes a claim that is still in progress and still this exchange's own. A claim
 * in progress is a lease ({@code lease}): if its instance dies mid-request the key frees itself, and the retry finds
 * whatever the first attempt wrote (a consumed cart names its order).
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Set (as a property, which a client cannot send) when the answer is a replay and nothing must be done again. */
    public static final String REPLAYED_PROPERTY = "shopIdempotentReplay";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{8,100}");
    private static final String CLAIM_PROPERTY = "shopIdempotencyClaim";
    private static final String IN_PROGRESS = "in-progress:";
    private static final String RELEASE_IF_OURS = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    /** A claim this exchange holds: the Redis key, the request's fingerprint and the in-progress value it wrote. */
    private record Claim(String redisKey, String fingerprint, String inProgress) {
    }

    private final RedisConnection redis;
    private final Duration lifetime;
    private final Duration lease;
    private final Duration waitForFirst;

    public IdempotencyKeys(RedisConnection redis, Duration lifetime, Duration lease, Duration waitForFirst) {
        this.redis = redis;
        this.lifetime = lifetime;
        this.lease = lease;
        this.waitForFirst = waitForFirst;
    }

    /**
     * The route step that opens a flow with an Idempotency-Key: claims the key for {@code caller} in {@code scope}; a
     * request answered before gets its stored answer as the body and {@code ${exchangeProperty.shopIdempotentReplay}},
     * which the route checks before doing anything.
     */
    public void begin(Exchange exchange, String scope, String caller) {
        claim(exchange, scope, caller).ifPresent(exchange.getMessage()::setBody);
    }

    /**
     * Claims the request's key for {@code caller} in {@code scope}. Empty when there is no key or this exchange now
     * holds the claim; the stored answer when this request was answered before (also marks the message as a replay).
     */
    private Optional<String> claim(Exchange exchange, String scope, String caller) {
        exchange.getMessage().removeHeader(REPLAYED_HEADER);
        String key = exchange.getMessage().getHeader(HEADER, String.class);
        if (key == null) {
            return Optional.empty();
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalidField(HEADER, "must be 8 to 100 letters, digits or '_.:-'");
        }
        String redisKey = "idempotency:" + scope + ":" + caller + ":" + key;
        String fingerprint = fingerprint(exchange);
        String inProgress = fingerprint + "\n" + IN_PROGRESS + UUID.randomUUID();
        long deadline = System.nanoTime() + waitForFirst.toNanos();
        for (int round = 0; ; round++) {
            if ("OK".equals(redis.sync().set(redisKey, inProgress, SetArgs.Builder.nx().ex(lease.toSeconds())))) {
                exchange.setProperty(CLAIM_PROPERTY, new Claim(redisKey, fingerprint, inProgress));
                return Optional.empty();
            }
            String stored = redis.sync().get(redisKey);
            if (stored == null) {
                continue; // the first attempt failed and let go of the key: claim it again
            }
            int split = stored.indexOf('\n');
            if (!stored.substring(0, split).equals(fingerprint)) {
                throw ApiException.conflict("idempotency_key_reused", "This Idempotency-Key was used with a different request");
            }
            String answer = stored.substring(split + 1);
            if (!answer.startsWith(IN_PROGRESS)) {
                exchange.getMessage().setHeader(REPLAYED_HEADER, "true");
                exchange.setProperty(REPLAYED_PROPERTY, true);
                return Optional.of(answer);
            }
            if (System.nanoTime() > deadline) {
                throw new ApiException(409, "idempotency_in_progress", "The first request with this Idempotency-Key is still running; retry shortly",
                        List.of(), Map.of("Retry-After", "1"));
            }
            pause(round);
        }
    }

    /**
     * Stores the answer (a value, written as JSON) for replays of the claimed key; the route step that comes as soon as
     * the request's effect is durable.
     */
    public void remember(Exchange exchange, Object answer) {
        Claim claim = exchange.getProperty(CLAIM_PROPERTY, Claim.class);
        if (claim != null) {
            String response = answer instanceof String text ? text : Json.write(answer);
            redis.sync().set(claim.redisKey(), claim.fingerprint() + "\n" + response, SetArgs.Builder.ex(lifetime.toSeconds()));
        }
    }

    /** After a failure: frees the key for a retry unless an answer was remembered (something was written). */
    public void release(Exchange exchange) {
        Claim claim = exchange.getProperty(CLAIM_PROPERTY, Claim.class);
        if (claim != null) {
            exchange.removeProperty(CLAIM_PROPERTY);
            redis.script(RELEASE_IF_OURS, ScriptOutputType.INTEGER, new String[] {claim.redisKey()}, claim.inProgress());
        }
    }

    /** What makes two requests "the same": method, path and body. */
    private static String fingerprint(Exchange exchange) {
        var message = exchange.getMessage();
        return sha256(message.getHeader(Exchange.HTTP_METHOD, "", String.class) + " " + message.getHeader(Exchange.HTTP_PATH, "", String.class)
                + "\n" + message.getBody(String.class));
    }

    /** Polls the first attempt's answer: often at first (most requests take milliseconds), then every 50 ms. */
    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(50, 5L * (round + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(409, "idempotency_in_progress", "Interrupted while waiting for the first request", List.of(), Map.of("Retry-After", "1"));
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
