package org.camelshop.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ports of the local stack's five emulators. */
public record StackPorts(int sqs, int dynamoDb, int ses, int redis, int s3) {

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

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
