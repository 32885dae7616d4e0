package org.camelshop.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The run command's stack: reuses ports already served, and leaves nothing behind when its JVM is killed. */
@ExtendWith(LocalStackExtension.class)
class LocalStackIT {

    @Test
    void reusesEmulatorsAlreadyServingAndLeavesThemRunningOnClose(LocalStack shared) {
        try (LocalStack second = LocalStack.start(shared.ports())) {
            assertEquals(shared.ports(), second.ports());
        }
        StackPorts ports = shared.ports();
        for (int port : List.of(ports.sqs(), ports.dynamoDb(), ports.ses(), ports.redis())) {
            assertTrue(LocalStack.serving(port), "port " + port + " still served by the first stack");
        }
    }

    @Test
    void killingTheShopJvmStopsEveryEmulator() throws Exception {
        StackPorts ports = StackPorts.free();
        int shopPort = StackPorts.freePort();
        Path log = Path.of("target", "local-shop-kill-test.log");
        ProcessBuilder builder = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"), LocalShop.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "SHOP_PORT", Integer.toString(shopPort),
                "SHOP_SQS_PORT", Integer.toString(ports.sqs()),
                "SHOP_DYNAMODB_PORT", Integer.toString(ports.dynamoDb()),
                "SHOP_SES_PORT", Integer.toString(ports.ses()),
                "SHOP_REDIS_PORT", Integer.toString(ports.redis()),
                "SHOP_ROUTES_RELOAD", "false"));
        Process shop = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> shop.isAlive() && ready(http, shopPort));
            String output = Files.readString(log);
            assertTrue(output.contains("Camel Shop is up"), output);
            for (String url : List.of("http://localhost:" + shopPort + "/", "http://127.0.0.1:" + ports.sqs(),
                    "http://127.0.0.1:" + ports.dynamoDb(), "http://127.0.0.1:" + ports.ses(), "redis://127.0.0.1:" + ports.redis())) {
                assertTrue(output.contains(url), "banner prints " + url);
            }
        } finally {
            shop.destroyForcibly(); // SIGKILL: no shutdown hook runs
            shop.waitFor();
        }
        for (int port : List.of(ports.sqs(), ports.dynamoDb(), ports.ses(), ports.redis(), shopPort)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> !LocalStack.serving(port));
        }
        assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                .map(c -> c.contains("--port " + ports.dynamoDb()) || c.contains("--port " + ports.ses()) || c.contains("--port " + ports.redis()))
                .orElse(false)), "no emulator process outlives the shop");
    }

    private static boolean ready(HttpClient http, int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
