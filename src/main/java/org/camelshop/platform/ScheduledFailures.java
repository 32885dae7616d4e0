package org.camelshop.platform;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A timer or cron run that failed (routes/background.yaml): logged once with its cause, and counted per route. */
public final class ScheduledFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledFailures.class);
    private final ShopMetrics metrics;

    public ScheduledFailures(ShopMetrics metrics) {
        this.metrics = metrics;
    }

    public void record(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Scheduled run of {} failed; the next run tries again", exchange.getFromRouteId(), failure);
        metrics.counter("shop_scheduled_failures", "Failed runs of timer and cron routes", "route", String.valueOf(exchange.getFromRouteId()))
                .increment();
    }
}
