package org.camelshop.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The ports of the local stack's five emulators. */
public record StackPorts(int sqs, int dynamoDb, int ses, int redis, int s3) {

    /**
     * Test ports come from a block of their own per test JVM (failsafe's fork number), below Linux's ephemeral range
     * (32768+): another JVM's stack, or an outgoing connection, can never take a port this JVM handed out — also not
     * while a test has stopped the emulator on it to restart it there.
     */
    private static final int BLOCK_SIZE = 3000;
    private static final int FIRST_PORT = 20_000 + BLOCK_SIZE * (Integer.getInteger("shop.test.fork", 1) - 1);
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(FIRST_PORT);

    /** The documented defaults (SPEC §2), each overridable by its SHOP_*_PORT variable. */
    public static StackPorts fromEnvironment() {
        return new StackPorts(env("SHOP_SQS_PORT", 9324), env("SHOP_DYNAMODB_PORT", 8000), env("SHOP_SES_PORT", 8005), env("SHOP_REDIS_PORT", 6379),
                env("SHOP_S3_PORT", 4568));
    }

    /** Free ports, so a test run never collides with a shop already running on the defaults. */
    public static StackPorts free() {
        return new StackPorts(freePort(), freePort(), freePort(), freePort(), freePort());
    }

    /** The properties that point the shop's local profile at these ports. */
    public Map<String, String> shopProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("shop.local.sqs-port", Integer.toString(sqs));
        properties.put("shop.local.dynamodb-port", Integer.toString(dynamoDb));
        properties.put("shop.local.ses-port", Integer.toString(ses));
        properties.put("shop.local.redis-port", Integer.toString(redis));
        properties.put("shop.local.s3-port", Integer.toString(s3));
        return properties;
    }

    /** A port of this JVM's block that nothing listens on, never handed out twice. */
    public static int freePort() {
        for (int port = NEXT_PORT.getAndIncrement(); port < FIRST_PORT + BLOCK_SIZE; port = NEXT_PORT.getAndIncrement()) {
            if (canListenOn(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port left in " + FIRST_PORT + "-" + (FIRST_PORT + BLOCK_SIZE - 1));
    }

    private static boolean canListenOn(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
