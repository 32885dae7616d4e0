package org.camelshop.payment.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lettuce.core.SetArgs;
import org.camelshop.platform.Json;
import org.camelshop.platform.RedisConnection;

/**
 * The sandbox's state: PaymentIntents, PayPal orders and captures, idempotency keys, issued tokens and the failure switch,
 * each a JSON value in Redis for a day. Redis rather than memory because the app is stateless: any instance must see the
 * intent another one created, as the real providers would.
 */
public final class SandboxStore {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final long TTL_SECONDS = Duration.ofDays(1).toSeconds();
    private final RedisConnection redis;

    public SandboxStore(RedisConnection redis) {
        this.redis = redis;
    }

    public Optional<Map<String, Object>> get(String kind, String id) {
        String json = redis.sync().get(key(kind, id));
        return json == null ? Optional.empty() : Optional.of(read(json));
    }

    public void put(String kind, String id, Map<String, Object> value) {
        redis.sync().set(key(kind, id), Json.write(value), SetArgs.Builder.ex(TTL_SECONDS));
    }

    /** The stored answer to an earlier request with this idempotency key, if any. */
    public Optional<String> replay(String provider, String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(redis.sync().get(key("idempotency:" + provider, key)));
    }

    public void remember(String provider, String key, String response) {
        if (key != null) {
            redis.sync().set(key("idempotency:" + provider, key), response, SetArgs.Builder.ex(TTL_SECONDS));
        }
    }

    public boolean failing(String provider) {
        return "true".equals(redis.sync().get(key("failing", provider)));
    }

    public void setFailing(String provider, boolean failing) {
        if (failing) {
            redis.sync().set(key("failing", provider), "true", SetArgs.Builder.ex(TTL_SECONDS));
        } else {
            redis.sync().del(key("failing", provider));
        }
    }

    static Map<String, Object> read(String json) {
        try {
            return Json.mapper().readValue(json, OBJECT);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("sandbox state is not JSON", e);
        }
    }

    private static String key(String kind, String id) {
        return "sandbox:" + kind + ":" + id;
    }
}
