package org.camelshop.platform;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;
import org.camelshop.local.StackPorts;
import org.junit.jupiter.api.Test;

/** Readiness names each dependency; stopping one turns it (and readiness) DOWN while liveness stays UP. */
class HealthIT {

    @Test
    void reportsAStoppedDependencyAsDown() {
        // a stack of its own: this test stops parts of it
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = RunningShop.start(stack.ports(), Map.of())) {
            assertEquals(Map.of("sqs", "UP", "dynamodb", "UP", "ses", "UP", "redis", "UP"), dependencies(shop));
            assertEquals(200, shop.get("/observe/health/ready").statusCode());

            stack.stopChild("redis-server");
            await().atMost(Duration.ofSeconds(15)).until(() -> "DOWN".equals(dependencies(shop).get("redis")));
            assertEquals(Map.of("sqs", "UP", "dynamodb", "UP", "ses", "UP", "redis", "DOWN"), dependencies(shop));
            assertEquals(503, shop.get("/observe/health/ready").statusCode());
            assertEquals(200, shop.get("/observe/health/live").statusCode(), "a dependency outage is no reason to restart");

            stack.stopChild("dynalite");
            await().atMost(Duration.ofSeconds(15)).until(() -> "DOWN".equals(dependencies(shop).get("dynamodb")));
            stack.stopChild("aws-ses-v2-local");
            await().atMost(Duration.ofSeconds(15)).until(() -> "DOWN".equals(dependencies(shop).get("ses")));
        }
    }

    private static Map<String, String> dependencies(RunningShop shop) {
        JsonNode health = json(shop.get("/observe/health/ready"));
        Map<String, String> states = new HashMap<>();
        health.get("checks").forEach(check -> {
            String name = check.get("name").asText();
            if (Map.of("sqs", 1, "dynamodb", 1, "ses", 1, "redis", 1).containsKey(name)) {
                states.put(name, check.get("status").asText());
            }
        });
        return states;
    }
}
