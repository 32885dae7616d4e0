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

/**
 * Readiness names each dependency for the operator (management token); only DynamoDB being down makes the instance
 * DOWN, the others show as degraded (what the public probes show: {@link EdgeFilterIT}).
 */
class HealthIT {

    @Test
    void onlyDynamoDbTakesTheInstanceOutOfRotation() {
        // a stack of its own: this test stops parts of it; no sample catalog, it reads no product
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = RunningShop.start(stack.ports(), Map.of("shop.sample-catalog.load", "false"))) {
            assertEquals(Map.of("sqs", "UP", "dynamodb", "UP", "ses", "UP", "redis", "UP"), dependencies(shop));
            assertEquals(200, shop.get("/observe/health/ready").statusCode());

            stack.stopChild("redis-server");
            await().atMost(Duration.ofSeconds(15)).until(() -> degraded(shop).getOrDefault("redis", false));
            stack.stopChild("aws-ses-v2-local");
            await().atMost(Duration.ofSeconds(15)).until(() -> degraded(shop).getOrDefault("ses", false));
            assertEquals(Map.of("sqs", "UP", "dynamodb", "UP", "ses", "UP", "redis", "UP"), dependencies(shop), "degraded, not down");
            assertEquals(200, shop.get("/observe/health/ready").statusCode(), "the shop still sells without Redis and SES");
            assertEquals(0.0, shop.metric("shop_dependency_up", "dependency=\"redis\""));
            assertEquals(1.0, shop.metric("shop_dependency_up", "dependency=\"dynamodb\""));

            stack.stopChild("dynalite");
            await().atMost(Duration.ofSeconds(15)).until(() -> "DOWN".equals(dependencies(shop).get("dynamodb")));
            assertEquals(503, shop.get("/observe/health/ready").statusCode());
            assertEquals(200, shop.get("/observe/health/live").statusCode(), "a dependency outage is no reason to restart");
        }
    }

    private static Map<String, String> dependencies(RunningShop shop) {
        Map<String, String> states = new HashMap<>();
        checks(shop).forEach((name, check) -> states.put(name, check.get("status").asText()));
        return states;
    }

    private static Map<String, Boolean> degraded(RunningShop shop) {
        Map<String, Boolean> states = new HashMap<>();
        checks(shop).forEach((name, check) -> states.put(name, check.path("message").asText("").startsWith("degraded:")));
        return states;
    }

    private static Map<String, JsonNode> checks(RunningShop shop) {
        JsonNode health = json(shop.observe("/observe/health/ready"));
        Map<String, JsonNode> checks = new HashMap<>();
        health.get("checks").forEach(check -> {
            String name = check.get("name").asText();
            if (Map.of("sqs", 1, "dynamodb", 1, "ses", 1, "redis", 1).containsKey(name)) {
                checks.put(name, check);
            }
        });
        return checks;
    }
}
