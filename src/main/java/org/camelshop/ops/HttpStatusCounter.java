package org.camelshop.ops;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.support.EventNotifierSupport;
import org.camelshop.platform.ShopMetrics;

/**
 * Counts every answered HTTP request by route and status code: {@code shop_http_responses_total{route, status}}
 * (the dashboard's 4xx/5xx panels; Camel's own meters time routes but don't see status codes). Only the exchange
 * the HTTP consumer created counts, not its copies (wire taps, splits).
 */
public final class HttpStatusCounter extends EventNotifierSupport {

    private final ShopMetrics metrics;

    public HttpStatusCounter(ShopMetrics metrics) {
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
        metrics.counter("shop_http_responses", "Answered HTTP requests by route and status code",
                "route", String.valueOf(exchange.getFromRouteId()), "status", String.valueOf(status(exchange))).increment();
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
