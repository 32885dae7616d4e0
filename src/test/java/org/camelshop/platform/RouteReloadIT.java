package org.camelshop.platform;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Local mode watches the routes folder: a route file added or edited there is live without a restart. */
@ExtendWith(LocalStackExtension.class)
class RouteReloadIT {

    @Test
    void editedRouteFileGoesLive(LocalStack stack, @TempDir Path routes) throws Exception {
        try (RunningShop shop = RunningShop.start(stack.ports(), Map.of(
                "camel.main.routesReloadEnabled", "true",
                "camel.main.routesReloadDirectory", routes.toString()))) {
            Path route = routes.resolve("probe.yaml");
            write(route, probeRoute("first version"));
            await().atMost(Duration.ofSeconds(20)).until(() -> "first version".equals(shop.get("/reload-probe").body()));

            write(route, probeRoute("second version"));
            await().atMost(Duration.ofSeconds(20)).until(() -> "second version".equals(shop.get("/reload-probe").body()));
        }
    }

    /** Whole-file replace, as editors save: the watcher never sees a half-written file. */
    private static void write(Path route, String content) throws Exception {
        Path draft = route.resolveSibling(route.getFileName() + ".draft");
        Files.writeString(draft, content);
        Files.move(draft, route, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String probeRoute(String answer) {
        return """
                - route:
                    id: reload-probe
                    from:
                      uri: platform-http:/reload-probe
                      steps:
                        - setBody:
                            constant: "%s"
                """.formatted(answer);
    }
}
