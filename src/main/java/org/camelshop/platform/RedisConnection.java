package org.camelshop.platform;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared Redis connection. Connects on first use, so the shop starts (degraded) while Redis is down; after a
 * failed connect it fails fast for a moment instead of making every request wait for a connect timeout. Once
 * connected, Lettuce reconnects by itself and rejects commands at once while disconnected.
 */
public final class RedisConnection extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);

    private static final long RETRY_CONNECT_AFTER_MS = 2_000;

    private final RedisClient client;
    private final ClientResources resources;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectAttempt;
    private volatile StatefulRedisPubSubConnection<String, String> pubSubConnection;
    private volatile boolean closed;
    private final Map<String, String> scriptShas = new ConcurrentHashMap<>();

    public RedisConnection(String url, Duration timeout) {
        this(url, timeout, null);
    }

    /**
     * With a {@code counter} (benchmarks) every command sent is counted there as {@code Redis.<command>}: the round
     * trips, where Redis's own command statistics also count each command a script runs.
     */
    public RedisConnection(String url, Duration timeout, AwsCallCounter counter) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.resources = counter == null ? null : DefaultClientResources.builder().commandLatencyRecorder(new CommandLatencyRecorder() {
            @Override
            public void recordCommandLatency(SocketAddress local, SocketAddress remote, ProtocolKeyword command, long first, long done) {
                counter.count("Redis." + command.toString().toLowerCase(Locale.ROOT));
            }
        }).build();
        this.client = resources == null ? RedisClient.create(uri) : RedisClient.create(resources, uri);
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

    /**
     * Runs a Lua script by its SHA-1 (EVALSHA), so neither the script text nor its hashing costs anything per call;
     * a Redis that does not know the script yet (fresh start, failover) gets it once through EVAL.
     */
    public <T> T script(String script, ScriptOutputType type, String[] keys, String... args) {
        RedisCommands<String, String> commands = sync();
        String sha = scriptShas.computeIfAbsent(script, commands::digest);
        try {
            return commands.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return commands.eval(script, type, keys, args);
        }
    }

    /**
     * Subscribes to a channel for the life of the shop: retried every few seconds until Redis answers, then kept
     * up by Lettuce (which reconnects and subscribes again). {@code up} and {@code down} report whether messages
     * can currently arrive, so a listener knows when it may have missed some.
     */
    public void subscribe(String channel, Consumer<String> onMessage, Runnable up, Runnable down) {
        Thread subscriber = new Thread(() -> {
            while (!closed) {
                try {
                    StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
                    pubSub.addListener(new RedisPubSubAdapter<>() {
                        @Override
                        public void message(String from, String message) {
                            onMessage.accept(message);
                        }

                        @Override
                        public void subscribed(String from, long count) {
                            up.run();
                        }
                    });
                    client.addListener(new RedisConnectionStateListener() {
                        @Override
                        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                            if (handler == pubSub) {
                                down.run();
                            }
                        }
                    });
                    pubSub.sync().subscribe(channel);
                    pubSubConnection = pubSub;
                    return;
                } catch (RuntimeException e) {
                    sleepQuietly(RETRY_CONNECT_AFTER_MS);
                }
            }
        }, "redis-subscribe-" + channel);
        subscriber.setDaemon(true);
        subscriber.start();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis); // back-off between subscription attempts while Redis is down
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void doStop() {
        closed = true;
        if (pubSubConnection != null) {
            pubSubConnection.close();
        }
        if (connection != null) {
            connection.close();
        }
        try {
            client.shutdownAsync(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
            if (resources != null) {
                resources.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
            }
        } catch (TimeoutException | ExecutionException e) {
            // Lettuce's threads are daemons: a stuck event loop must not hold up the shop's stop
            LOG.warn("Redis client did not shut down cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
