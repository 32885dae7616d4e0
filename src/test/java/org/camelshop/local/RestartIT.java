package org.camelshop.local;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/**
 * The README's run command (LocalShop, its own stack included) stopped with SIGTERM and started again at once on the same
 * ports, twice in the test command and ten times with {@code -Drestart.cycles=10 -Dit.test=RestartIT}: each start comes up with a working stack of its own (never one that is going away), and each stop
 * ends with exit code 0 within 8 s when idle (about 3 s on a quiet machine).
 */
class RestartIT {

    /** Two in the test command (each cycle starts a whole stack: about a minute); ten for the full check. */
    private static final int CYCLES = Integer.getInteger("restart.cycles", 2);
    /** Idle, a stop takes about 3 s on a quiet machine; the bound leaves room for a busy one (it took 16-21 s before). */
    private static final Duration STOP_BOUND = Duration.ofSeconds(8);

    @Test
    void stopThenStartCyclesAllComeUp() throws Exception {
        StackPorts ports = StackPorts.free();
        int port = StackPorts.freePort();
        Path logs = Files.createDirectories(Path.of("target", "restart-test"));
        List<Long> stopMillis = new ArrayList<>();
        ShopProcess previous = null;
        long previousStopped = 0;
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            // right after the previous one was told to stop: the emulators it owns may still answer
            // no sample catalog: each cycle's fresh DynamoDB would take its thousand products again, and what is checked
            // here is that the stack serves, not what it holds
            ShopProcess shop = ShopProcess.start(ports, port, Map.of("shop.sample-catalog.load", "false"), logs.resolve("cycle-" + cycle + ".log"));
            if (previous != null) {
                OptionalInt exit = previous.awaitExit(Duration.ofSeconds(30));
                stopMillis.add((System.nanoTime() - previousStopped) / 1_000_000);
                assertEquals(OptionalInt.of(0), exit, "cycle " + (cycle - 1) + " stopped cleanly: " + previous.output());
            }
            shop.awaitReady();
            RunningShop client = RunningShop.at(port);
            assertEquals(200, client.get("/api/products?page_size=1").statusCode(), "cycle " + cycle);
            String health = client.observe("/observe/health/ready").body();
            assertFalse(health.contains("degraded:"), "cycle " + cycle + ": every emulator answers: " + health);
            assertTrue(json(client.call("POST", "/api/auth/login", "{\"email\":\"demo@shop.local\",\"password\":\"demo-password\"}", null))
                    .hasNonNull("token"), "cycle " + cycle);
            previousStopped = System.nanoTime();
            shop.terminate();
            previous = shop;
        }
        OptionalInt exit = previous.awaitExit(Duration.ofSeconds(30));
        stopMillis.add((System.nanoTime() - previousStopped) / 1_000_000);
        assertEquals(OptionalInt.of(0), exit, previous.output());
        System.out.println("RestartIT: stop times (ms) " + stopMillis);
        assertTrue(stopMillis.get(stopMillis.size() - 1) < STOP_BOUND.toMillis(), "the last, idle stop took " + stopMillis);
    }
}
