package org.camelshop.platform;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.web.Browser;
import org.camelshop.web.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode watches the routes folder: a route file added or edited there is live without a restart, and the pages
 * built on it keep working (the route author's journey, in a browser).
 */
@ExtendWith({LocalStackExtension.class, BrowserExtension.class})
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
     * A route author's session, walked in a browser: the shop runs from a copy of its own route files; the author edits
     * catalog.yaml (REST DSL and routes in one file) so that the shop lists products in stock only, and the storefront,
     * reloaded, shows fewer products; every endpoint of that file, and of the others, still answers; undoing the edit
     * brings the full list back (a second reload of the same file).
     */
    @Test
    void editingARealRouteFileKeepsItsEndpointsAnswering(LocalStack stack, Browser browser, @TempDir Path routes) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        try (RunningShop shop = RunningShop.start(stack.ports(), Map.of(
                "camel.main.routesIncludePattern", "file:" + routes + "/*.yaml",
                "camel.main.routesReloadEnabled", "true",
                "camel.main.routesReloadDirectory", routes.toString()))) {
            long all = total(shop, "");
            long inStock = total(shop, "&in_stock=true");
            assertTrue(inStock < all, "the sample catalog has products out of stock");
            assertEquals(all + " products", storefrontCount(browser, shop));

            Path catalog = routes.resolve("catalog.yaml");
            String before = Files.readString(catalog);
            String edit = "      uri: direct:list-products\n      steps:\n";
            String edited = before.replace(edit, edit + "        - setHeader:\n            name: in_stock\n            constant: \"true\"\n");
            assertNotEquals(before, edited, "the edit changes the file");
            write(catalog, edited);
            await().atMost(Duration.ofSeconds(30)).until(() -> total(shop, "") == inStock);
            assertEquals(inStock + " products", storefrontCount(browser, shop), "the storefront shows the edited list");
            browser.screenshot("route-author-in-stock-only");
            assertEquals(200, shop.get("/api/products/prod-0001").statusCode(), "the file's other endpoints still answer");
            assertEquals(200, shop.get("/api/categories").statusCode());
            assertEquals(200, shop.get("/api/featured").statusCode());
            assertEquals(200, shop.get("/api/bestsellers").statusCode());
            assertEquals(401, shop.call("POST", "/api/products", "{}", null).statusCode(), "admin endpoints are still guarded");
            assertEquals(200, shop.get("/api/reviews/prod-0001").statusCode(), "other files untouched");

            write(catalog, before);
            // the file's endpoints answer again after a second reload (a 404 here means they sit behind the catch-all)
            await().atMost(Duration.ofSeconds(30)).until(() -> total(shop, "") == all
                    && shop.get("/api/products/prod-0001").statusCode() == 200);
            assertEquals(all + " products", storefrontCount(browser, shop), "undone, the full list is back");
        }
    }

    /** How many products the shop lists (with the extra query), or -1 while it does not answer with a list. */
    private static long total(RunningShop shop, String query) {
        var response = shop.get("/api/products?page_size=1" + query);
        return response.statusCode() == 200 ? json(response).path("total").asLong(-1) : -1;
    }

    /**
     * The product count shop.html shows, opened afresh from the given shop with the browser cache off, as a route author
     * works (with it on, the list's {@code max-age} keeps the earlier answer for minutes).
     */
    private static String storefrontCount(Browser browser, RunningShop shop) {
        browser.cache(false);
        try {
            browser.driver().get(shop.baseUrl() + "/shop.html");
            browser.waitLoaded();
            return browser.find("#result-count").getText();
        } finally {
            browser.cache(true);
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
