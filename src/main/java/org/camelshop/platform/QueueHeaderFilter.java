package org.camelshop.platform;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategyAware;

/**
 * Keeps exchange headers out of SQS messages. A message sent from an API route would otherwise carry the HTTP
 * request's headers as message attributes — the caller's {@code Authorization} token among them — and SQS allows
 * only 10. Everything a consumer needs is in the message body.
 */
public final class QueueHeaderFilter implements HeaderFilterStrategy {

    /** Every aws2-sqs endpoint gets this filter as it is created (the component has no such option of its own). */
    public static void applyToEveryQueueEndpoint(CamelContext context) {
        QueueHeaderFilter filter = new QueueHeaderFilter();
        context.getCamelContextExtension().registerEndpointCallback((uri, endpoint) -> {
            if (uri.startsWith("aws2-sqs:") && endpoint instanceof HeaderFilterStrategyAware aware) {
                aware.setHeaderFilterStrategy(filter);
            }
            return endpoint;
        });
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return true;
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return false;
    }
}
