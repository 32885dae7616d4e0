package org.camelshop.platform;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lettuce.core.RedisException;

/**
 * Login sessions in Redis: an unguessable token maps to its user for 24 h (configurable); logout deletes it. Each user
 * also has a set of their tokens, so deleting an account can end every session it has on every device.
 */
public final class Sessions {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final SecureRandom random = new SecureRandom();
    private final RedisConnection redis;
    private final Duration lifetime;

    public Sessions(RedisConnection redis, Duration lifetime) {
        this.redis = redis;
        this.lifetime = lifetime;
    }

    public String create(SessionUser user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            redis.sync().setex(key(token), lifetime.toSeconds(), Json.write(user));
            redis.sync().sadd(userKey(user.userId()), token);
            redis.sync().expire(userKey(user.userId()), lifetime.toSeconds());
        } catch (RedisException e) {
            throw Identity.sessionsUnavailable();
        }
        return token;
    }

    /** The session's user; empty for a malformed, unknown or expired token. */
    public Optional<SessionUser> find(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        String json = redis.sync().get(key(token));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(json, SessionUser.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    public void delete(String token) {
        if (token != null && TOKEN.matcher(token).matches()) {
            redis.sync().del(key(token));
        }
    }

    /** Ends every session of the user (account deletion). */
    public void deleteAll(String userId) {
        var tokens = redis.sync().smembers(userKey(userId));
        tokens.forEach(this::delete);
        redis.sync().del(userKey(userId));
    }

    public Duration lifetime() {
        return lifetime;
    }

    private static String userKey(String userId) {
        return "sessions-of:" + userId;
    }

    private static String key(String token) {
        return "session:" + token;
    }
}
