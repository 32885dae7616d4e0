package org.camelshop.platform;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The shared Redis connection. Connects on first use rather than at start, so the shop starts (degraded)
 * while Redis is down; once connected, Lettuce reconnects by itself.
 */
public final class RedisConnection extends ServiceSupport {

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public RedisConnection(String url, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    /** Synchronous commands; throws a Lettuce {@code RedisException} when Redis cannot be reached. */
    public RedisCommands<String, String> sync() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            synchronized (this) {
                if (connection == null) {
                    connection = client.connect();
                }
                current = connection;
            }
        }
        return current.sync();
    }

    @Override
    protected void doStop() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
