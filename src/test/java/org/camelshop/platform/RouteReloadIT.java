package org.camelshop.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

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

    /**
     * A route author's session: the shop runs from a copy of its own route files; an edit to catalog.yaml (REST DSL
     * and routes in one file) is live in a moment, and every endpoint of that file, and of the others, still answers.
     */
    @Test
    void editingARealRouteFileKeepsItsEndpointsAnswering(LocalStack stack, @TempDir Path routes) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        try (RunningShop shop = RunningShop.start(stack.ports(), Map.of(
                "camel.main.routesIncludePattern", "file:" + routes + "/*.yaml",
                "camel.main.routesReloadEnabled", "true",
                "camel.main.routesReloadDirectory", routes.toString()))) {
            assertEquals(200, shop.get("/api/products/prod-0001").statusCode());
            Path catalog = routes.resolve("catalog.yaml");
            String before = Files.readString(catalog);
            String edited = before.replace("description: The six categories with subcategories and product counts",
                    "description: Every category with its subcategories and product counts");
            assertNotEquals(before, edited, "the edit changes the file");
            String marker = "      - id: reload-marker-api\n        path: /reload-marker\n        to: direct:reload-marker\n";
            edited = edited.replace("    get:\n", "    get:\n" + marker) + """

                    - route:
                        id: reload-marker
                        from:
                          uri: direct:reload-marker
                          steps:
                            - setBody:
                                constant: "edited"
                    """;
            write(catalog, edited);
            await().atMost(Duration.ofSeconds(30)).until(() -> shop.get("/api/reload-marker").body().contains("edited"));
            assertEquals(200, shop.get("/api/products?page_size=2").statusCode(), "the file's other endpoints still answer");
            assertEquals(200, shop.get("/api/products/prod-0001").statusCode());
            assertEquals(200, shop.get("/api/categories").statusCode());
            assertEquals(200, shop.get("/api/featured").statusCode());
            assertEquals(401, shop.call("POST", "/api/products", "{}", null).statusCode(), "admin endpoints are still guarded");
            assertEquals(200, shop.get("/api/reviews/prod-0001").statusCode(), "other files untouched");

            write(catalog, edited.replace("constant: \"edited\"", "constant: \"edited again\""));
            // the file's endpoints answer again after a second reload (a 404 here means they sit behind the catch-all)
            await().atMost(Duration.ofSeconds(30)).until(() -> shop.get("/api/reload-marker").body().contains("edited again")
                    && shop.get("/api/products/prod-0001").statusCode() == 200);
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
