package org.camelshop.platform;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Only headers the shop means to send leave as HTTP response headers. Camel keeps request headers and query
 * parameters as message headers; without this allowlist they would be echoed back to the client. Content-Length is
 * not among them: Vert.x sets the response's own; letting it through sent a POST's request length back with a
 * chunked answer, which strict HTTP clients (Netty, so Gatling) refuse.
 */
public final class ResponseHeaderFilter extends HttpHeaderFilterStrategy {

    // asked for every header of every answer (request headers included): compared ignoring case, nothing lower-cased
    private static final Set<String> ALLOWED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        ALLOWED.addAll(List.of("content-type", "content-disposition", "cache-control", "etag", "location",
                "retry-after", "www-authenticate", "x-cache", "x-ratelimit-limit", "x-ratelimit-remaining",
                "idempotent-replayed"));
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ALLOWED.contains(headerName);
    }
}
