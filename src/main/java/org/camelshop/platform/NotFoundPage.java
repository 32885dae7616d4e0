package org.camelshop.platform;

import java.nio.file.Files;
import java.nio.file.Path;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What an address with no page and no endpoint answers: 404 with the shop's own page ({@code 404.html} of the pages
 * folder: header, search, a way home) instead of the HTTP server's empty answer. Read on each miss, so editing it needs no
 * restart. Unknown /api paths never get here: their JSON 404 is a route of their own.
 */
public final class NotFoundPage {

    private final Path folder;
    private final Path page;

    public NotFoundPage(Path pagesFolder) {
        this.folder = pagesFolder.toAbsolutePath().normalize();
        this.page = folder.resolve("404.html");
    }

    /**
     * Just in front of the static pages (the server's last handler, which answers a missing file with an empty 404):
     * after every route, including routes a live reload adds later.
     */
    public void install(Router router) {
        router.route().order(Integer.MAX_VALUE - 1).handler(this::handle);
    }

    void handle(RoutingContext request) {
        String path = request.normalizedPath();
        Path file = folder.resolve(path.replaceFirst("^/+", "")).normalize();
        if (path.endsWith("/")) {
            file = file.resolve("index.html");
        }
        if (file.startsWith(folder) && Files.isRegularFile(file)) {
            request.next();
            return;
        }
        HttpServerResponse response = request.response().setStatusCode(404);
        HttpMethod method = request.request().method();
        if ((method == HttpMethod.GET || method == HttpMethod.HEAD) && Files.isRegularFile(page)) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .sendFile(page.toString());
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, Json.CONTENT_TYPE)
                    .end("{\"error\":\"not_found\",\"message\":\"Nothing here\",\"details\":[]}");
        }
    }
}
