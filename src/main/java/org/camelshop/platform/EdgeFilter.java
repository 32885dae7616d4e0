package org.camelshop.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * The first handler of every HTTP request, pages, API and /observe alike. It adds the security headers to every
 * response, and keeps operations detail private: /observe/metrics and the health detail (hosts, error texts) need
 * {@code Authorization: Bearer <shop.management.token>}; without it the health probes answer only UP or DOWN. It refuses
 * a body above its path's limit before the server buffers it: the server must accept one product file (100 MB), but a
 * JSON request has no business beyond 64 KB.
 */
public final class EdgeFilter {

    /** Headers every response carries; the CSP depends on whether it is a page. */
    public record Headers(String pageCsp, String otherCsp, String referrerPolicy, String permissionsPolicy, int hstsSeconds) {

        /** The security headers' settings ({@code shop.security.*}), defaults in application.properties. */
        public static Headers from(ShopSettings settings) {
            return new Headers(settings.get("shop.security.page-csp"), settings.get("shop.security.other-csp"),
                    settings.get("shop.security.referrer-policy"), settings.get("shop.security.permissions-policy"),
                    settings.getInt("shop.security.hsts-seconds"));
        }
    }

    /** Paths (regular expressions) allowed a larger body than {@link Json#MAX_BODY_BYTES}: the uploads. */
    public record Upload(Pattern path, long maxBytes) {
    }

    private static final String OBSERVE = "/observe";
    private static final String HEALTH = "/observe/health";
    // names and values encoded once (Vert.x's optimized headers): every response carries them
    private static final CharSequence CONTENT_TYPE_OPTIONS = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence FRAME_OPTIONS = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence PERMISSIONS_POLICY = HttpHeaders.createOptimized("Permissions-Policy");
    private final CamelContext context;
    private final Headers headers;
    private final CharSequence pageCsp;
    private final CharSequence otherCsp;
    private final CharSequence referrerPolicy;
    private final CharSequence permissionsPolicy;
    private final byte[] managementToken;
    private final List<Upload> uploads;

    public EdgeFilter(CamelContext context, Headers headers, String managementToken, List<Upload> uploads) {
        this.context = context;
        this.headers = headers;
        this.pageCsp = HttpHeaders.createOptimized(headers.pageCsp());
        this.otherCsp = HttpHeaders.createOptimized(headers.otherCsp());
        this.referrerPolicy = HttpHeaders.createOptimized(headers.referrerPolicy());
        this.permissionsPolicy = HttpHeaders.createOptimized(headers.permissionsPolicy());
        this.uploads = List.copyOf(uploads);
        this.managementToken = managementToken == null || managementToken.isBlank() ? null : managementToken.getBytes(StandardCharsets.UTF_8);
    }

    /** The router of the shop's HTTP server on {@code port} (it exists once the context has started). */
    public static Router router(CamelContext context, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        return router != null ? router : VertxPlatformHttpRouter.lookup(context);
    }

    /** Puts this filter in front of every other handler of the router. */
    public void install(Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    void handle(RoutingContext request) {
        request.addHeadersEndHandler(ignored -> secure(request));
        String path = request.normalizedPath();
        String length = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        // HTTP/1.1 chunked, as proxies send; an HTTP/2 body of unknown size meets the server's cap
        boolean chunked = length == null && request.request().headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true);
        // the path's limit only matters for a request with a body (a read has none): no pattern matched per read
        long maxBytes = length == null && !chunked ? Json.MAX_BODY_BYTES : maxBytes(path);
        if (length != null && isLongerThan(length, maxBytes)) {
            refuse(request, 413, "payload_too_large", "Request body must be at most " + maxBytes + " bytes");
        } else if (chunked && maxBytes == Json.MAX_BODY_BYTES) {
            refuse(request, 411, "length_required", "Send the body with a Content-Length");
        } else if (!path.startsWith(OBSERVE) || isManager(request)) {
            request.next();
        } else if (path.equals(HEALTH) || path.startsWith(HEALTH + "/")) {
            publicHealth(request, path);
        } else {
            request.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                    .putHeader(HttpHeaders.CONTENT_TYPE, Json.CONTENT_TYPE)
                    .end("{\"error\":\"unauthorized\",\"message\":\"Operations endpoints need the management token\",\"details\":[]}");
        }
    }

    private long maxBytes(String path) {
        return uploads.stream().filter(upload -> upload.path().matcher(path).matches()).mapToLong(Upload::maxBytes)
                .findFirst().orElse(Json.MAX_BODY_BYTES);
    }

    private static boolean isLongerThan(String contentLength, long maxBytes) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // the HTTP server itself refuses a malformed length
        }
    }

    /** Answers before the body is read; the connection closes, so the unread body is never buffered. */
    private static void refuse(RoutingContext request, int status, String error, String message) {
        request.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Json.CONTENT_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"error\":\"" + error + "\",\"message\":\"" + message + "\",\"details\":[]}");
    }

    private void secure(RoutingContext request) {
        HttpServerResponse response = request.response();
        var out = response.headers();
        String contentType = out.get(HttpHeaders.CONTENT_TYPE);
        boolean page = contentType != null && contentType.regionMatches(true, 0, "text/html", 0, 9);
        out.set(CONTENT_TYPE_OPTIONS, NOSNIFF);
        out.set(FRAME_OPTIONS, DENY);
        out.set(CSP, page ? pageCsp : otherCsp);
        out.set(REFERRER_POLICY, referrerPolicy);
        out.set(PERMISSIONS_POLICY, permissionsPolicy);
        if (headers.hstsSeconds() > 0 && isHttps(request)) {
            out.set("Strict-Transport-Security", "max-age=" + headers.hstsSeconds() + "; includeSubDomains");
        }
    }

    private static boolean isHttps(RoutingContext request) {
        return request.request().isSSL() || "https".equalsIgnoreCase(request.request().getHeader("X-Forwarded-Proto"));
    }

    private boolean isManager(RoutingContext request) {
        String authorization = request.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (managementToken == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(managementToken, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    /** The probes a load balancer or orchestrator calls: the verdict only, computed off the event loop (checks block). */
    private void publicHealth(RoutingContext request, String path) {
        request.vertx().executeBlocking(() -> {
            Collection<HealthCheck.Result> results = path.endsWith("/live") ? HealthCheckHelper.invokeLiveness(context)
                    : path.endsWith("/ready") ? HealthCheckHelper.invokeReadiness(context) : HealthCheckHelper.invoke(context);
            return results.stream().allMatch(r -> r.getState() != HealthCheck.State.DOWN);
        }, false).onComplete(up -> {
            boolean isUp = up.succeeded() && up.result();
            request.response().setStatusCode(isUp ? 200 : 503).putHeader(HttpHeaders.CONTENT_TYPE, Json.CONTENT_TYPE)
                    .end("{\"status\":\"" + (isUp ? "UP" : "DOWN") + "\"}");
        });
    }
}
