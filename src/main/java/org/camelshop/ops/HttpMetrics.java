package org.camelshop.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.camelshop.platform.ShopMetrics;

/**
 * Times every answered HTTP request by route and status code: {@code shop_http_requests_seconds{route, status}} with
 * buckets at the seed's thresholds (0.2 s cached content, 2 s latency alarm), for the dashboard's 4xx/5xx and latency
 * panels; Camel's own meters time routes but don't see status codes. Only the exchange the HTTP consumer created
 * counts, not its copies (wire taps, splits).
 */
public final class HttpMetrics extends EventNotifierSupport {

    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final ShopMetrics metrics;
    // each route's timers by status code, built once: building and registering a meter id per request cost more than recording
    private final Map<String, Map<Integer, Timer>> timers = new ConcurrentHashMap<>();

    public HttpMetrics(ShopMetrics metrics) {
        this.metrics = metrics;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        if (!(exchange.getFromEndpoint() instanceof PlatformHttpEndpoint) || exchange.getProperty(Exchange.CORRELATION_ID) != null) {
            return;
        }
        String route = String.valueOf(exchange.getFromRouteId());
        timers.computeIfAbsent(route, ignored -> new ConcurrentHashMap<>())
                .computeIfAbsent(status(exchange), status -> timer(route, status))
                .record(exchange.getClock().elapsed(), TimeUnit.MILLISECONDS);
    }

    private Timer timer(String route, int status) {
        return Timer.builder("shop_http_requests").description("Answered HTTP requests by route and status code, from arrival to answer")
                .tags("route", route, "status", String.valueOf(status))
                .serviceLevelObjectives(BUCKETS)
                .register(metrics.registry());
    }

    static int status(Exchange exchange) {
        if (exchange.isFailed()) {
            return 500;
        }
        Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (code != null) {
            return code;
        }
        return exchange.getMessage().getBody() == null ? 204 : 200;
    }
}
