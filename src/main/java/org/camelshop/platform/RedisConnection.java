package org.camelshop.platform;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The shared Redis connection. Connects on first use, so the shop starts (degraded) while Redis is down; after a
 * failed connect it fails fast for a moment instead of making every request wait for a connect timeout. Once
 * connected, Lettuce reconnects by itself and rejects commands at once while disconnected.
 */
public final class RedisConnection extends ServiceSupport {

    private static final long RETRY_CONNECT_AFTER_MS = 2_000;

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectAttempt;

    public RedisConnection(String url, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    /** Synchronous commands; throws a Lettuce {@code RedisException} when Redis cannot be reached. */
    public RedisCommands<String, String> sync() {
        StatefulRedisConnection<String, String> current = connection;
        return current != null ? current.sync() : connect().sync();
    }

    private synchronized StatefulRedisConnection<String, String> connect() {
        if (connection != null) {
            return connection;
        }
        if (System.currentTimeMillis() < nextConnectAttempt) {
            throw new RedisConnectionException("Redis unreachable (last connect failed moments ago)");
        }
        try {
            connection = client.connect();
            return connection;
        } catch (RuntimeException e) {
            nextConnectAttempt = System.currentTimeMillis() + RETRY_CONNECT_AFTER_MS;
            throw e;
        }
    }

    @Override
    protected void doStop() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
