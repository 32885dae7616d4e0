package org.camelshop.platform;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the JSON 404 for unknown /api paths (a prefix-matching HTTP route) behind every real endpoint after a live
 * reload. The HTTP router matches in the order routes were added: routes a reload re-adds would otherwise sit behind
 * the catch-all and answer 404 until a restart. Restarting the catch-all once a reload is done puts it last again.
 */
public final class CatchAllLast extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(CatchAllLast.class);
    private final CamelContext context;
    private final String routeId;

    public CatchAllLast(CamelContext context, String routeId) {
        this.context = context;
        this.routeId = routeId;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteReloadedEvent;
    }

    @Override
    public void notify(CamelEvent event) throws Exception {
        CamelEvent.RouteReloadedEvent reloaded = (CamelEvent.RouteReloadedEvent) event;
        if (reloaded.getIndex() == reloaded.getTotal() && context.getRoute(routeId) != null) {
            context.getRouteController().stopRoute(routeId);
            context.getRouteController().startRoute(routeId);
            LOG.info("Reloaded routes answer again; {} moved behind them", routeId);
        }
    }
}
