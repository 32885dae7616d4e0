package org.camelshop.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the caught exception of an exchange as the shop's JSON error body; never leaks a stack trace. */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private final int retryAfterSeconds;
    private final ShopMetrics metrics;

    /** {@code retryAfterSeconds}: what a 503 for a dependency that is down tells the caller to wait. */
    public ApiErrors(int retryAfterSeconds, ShopMetrics metrics) {
        this.retryAfterSeconds = retryAfterSeconds;
        this.metrics = metrics;
    }

    public void toResponse(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // bean expressions wrap what they throw; the ApiException may be a cause further down
        ApiException api = ObjectHelper.getException(ApiException.class, caught);
        ApiException error = api != null ? api : unexpected(exchange, caught);
        releaseIdempotencyKey(exchange);
        var message = exchange.getMessage();
        message.removeHeaders("*", "CamelHttp*");
        error.headers().forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        message.setHeader(Exchange.CONTENT_TYPE, Json.CONTENT_TYPE);
        message.setBody(Json.write(ErrorBody.of(error)));
    }

    /** A request that failed before writing anything frees its Idempotency-Key, so the client may retry it. */
    private static void releaseIdempotencyKey(Exchange exchange) {
        IdempotencyKeys keys = exchange.getContext().getRegistry().findSingleByType(IdempotencyKeys.class);
        if (keys != null) {
            try {
                keys.release(exchange);
            } catch (RuntimeException e) {
                LOG.warn("Could not release an Idempotency-Key: {}", e.getMessage());
            }
        }
    }

    /** One line, no stack trace: an outage fails many requests the same way, and its cause is logged where it is probed. */
    private ApiException unavailable(Exchange exchange, String dependency, Exception caught) {
        metrics.counter("shop_dependency_failures", "API requests answered 503 because a dependency was down",
                "dependency", dependency).increment();
        LOG.warn("{} unavailable in route {}: {}", dependency, exchange.getFromRouteId(), caught.getMessage());
        return new ApiException(503, dependency + "_unavailable", "This part of the shop is temporarily unavailable; please try again shortly",
                List.of(), Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /** For requests no API route matches. */
    public void unknownEndpoint(Exchange exchange) {
        var message = exchange.getMessage();
        throw new ApiException(404, "not_found", "No API endpoint " + message.getHeader(Exchange.HTTP_METHOD) + " "
                + message.getHeader(Exchange.HTTP_PATH), List.of());
    }

    private ApiException unexpected(Exchange exchange, Exception caught) {
        Optional<String> down = DependencyFailures.dependencyOf(caught);
        if (down.isPresent()) {
            return unavailable(exchange, down.get(), caught);
        }
        LOG.error("Unexpected failure in route {}", exchange.getFromRouteId(), caught);
        return new ApiException(500, "internal_error", "The shop could not complete this request", List.of());
    }
}
