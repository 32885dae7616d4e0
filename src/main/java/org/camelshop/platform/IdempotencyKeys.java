package org.camelshop.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.lettuce.core.SetArgs;
import org.apache.camel.Exchange;

/**
 * The {@code Idempotency-Key} header of requests that create orders or move money: the same key with the same body
 * gets the first response again; the same key with another body is a 409. Kept in Redis for 24 h, per caller.
 */
public final class IdempotencyKeys {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{8,100}");
    private static final String IN_PROGRESS = "in-progress";
    private final RedisConnection redis;
    private final Duration lifetime;

    public IdempotencyKeys(RedisConnection redis, Duration lifetime) {
        this.redis = redis;
        this.lifetime = lifetime;
    }

    /**
     * Claims the request's key for {@code caller}. Empty when there is no key or the claim is new; the stored response
     * when this exact request was answered before; a 409 for a different body or a first attempt still running.
     */
    public Optional<String> claim(Exchange exchange, String scope, String caller) {
        String key = exchange.getMessage().getHeader("Idempotency-Key", String.class);
        if (key == null) {
            return Optional.empty();
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalidField("Idempotency-Key", "must be 8 to 100 letters, digits or '_.:-'");
        }
        String redisKey = "idempotency:" + scope + ":" + caller + ":" + key;
        String fingerprint = sha256(exchange.getMessage().getBody(String.class));
        exchange.setProperty("shopIdempotencyKey", redisKey);
        exchange.setProperty("shopIdempotencyFingerprint", fingerprint);
        String claimed = redis.sync().set(redisKey, fingerprint + "\n" + IN_PROGRESS, SetArgs.Builder.nx().ex(lifetime.toSeconds()));
        if ("OK".equals(claimed)) {
            return Optional.empty();
        }
        String stored = redis.sync().get(redisKey);
        if (stored == null) {
            return Optional.empty(); // expired in between: treat as new
        }
        int split = stored.indexOf('\n');
        if (!stored.substring(0, split).equals(fingerprint)) {
            throw ApiException.conflict("idempotency_key_reused", "This Idempotency-Key was used with a different request");
        }
        String response = stored.substring(split + 1);
        if (IN_PROGRESS.equals(response)) {
            throw new ApiException(409, "request_in_progress", "The first request with this Idempotency-Key is still running",
                    List.of(), Map.of("Retry-After", "1"));
        }
        return Optional.of(response);
    }

    /** Stores the answer for replays of the claimed key. */
    public void remember(Exchange exchange, String response) {
        String redisKey = exchange.getProperty("shopIdempotencyKey", String.class);
        if (redisKey != null) {
            redis.sync().set(redisKey, exchange.getProperty("shopIdempotencyFingerprint", String.class) + "\n" + response,
                    SetArgs.Builder.ex(lifetime.toSeconds()));
        }
    }

    /** Lets the key be used again after the first attempt failed. */
    public void release(Exchange exchange) {
        String redisKey = exchange.getProperty("shopIdempotencyKey", String.class);
        if (redisKey != null) {
            redis.sync().del(redisKey);
        }
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((body == null ? "" : body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
