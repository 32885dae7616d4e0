package org.camelshop.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        ShopProcess shop = ShopProcess.start(ports, shopPort, Map.of("shop.sample-catalog.load", "false"), Path.of("target", "local-shop-kill-test.log"));
        try {
            shop.awaitReady();
            String output = shop.output();
            assertTrue(output.contains("Camel Shop is up"), output);
            for (String url : List.of("http://localhost:" + shopPort + "/", "http://127.0.0.1:" + ports.sqs(),
                    "http://127.0.0.1:" + ports.dynamoDb(), "http://127.0.0.1:" + ports.ses(), "redis://127.0.0.1:" + ports.redis())) {
                assertTrue(output.contains(url), "banner prints " + url);
            }
        } finally {
            shop.kill();
        }
        for (int port : List.of(ports.sqs(), ports.dynamoDb(), ports.ses(), ports.redis(), shopPort)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> !LocalStack.serving(port));
        }
        assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                .map(c -> c.contains("--port " + ports.dynamoDb()) || c.contains("--port " + ports.ses()) || c.contains("--port " + ports.redis()))
                .orElse(false)), "no emulator process outlives the shop");
    }
}
