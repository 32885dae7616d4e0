package org.camelshop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ports of the local stack's five emulators. */
public record StackPorts(int sqs, int dynamoDb, int ses, int redis, int s3) {

    /**
     * Test ports come from below Linux's ephemeral range (32768+), so no outgoing connection takes one, and each is
     * claimed with a lock file held until this JVM exits: another test JVM on the machine (a second fork, another
     * checkout's run) never takes a port this one handed out — also not while a test has stopped the emulator on it
     * to restart it there.
     */
    private static final int FIRST_PORT = 26_000;
    private static final int LAST_PORT = 32_000;
    private static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "camelshop-test-ports");
    private static final List<FileChannel> CLAIMS = new ArrayList<>();
    private static int nextPort = FIRST_PORT;

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

    /** A port nothing listens on and no other test JVM claimed, never handed out twice. */
    public static synchronized int freePort() {
        try {
            Files.createDirectories(LOCKS);
            while (nextPort <= LAST_PORT) {
                int port = nextPort++;
                FileChannel claim = FileChannel.open(LOCKS.resolve(port + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                if (claim.tryLock() != null && canListenOn(port)) {
                    CLAIMS.add(claim);
                    return port;
                }
                claim.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim a test port in " + LOCKS, e);
        }
        throw new IllegalStateException("no free port left in " + FIRST_PORT + "-" + LAST_PORT);
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
