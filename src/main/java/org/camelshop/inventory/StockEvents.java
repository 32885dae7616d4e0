package org.camelshop.inventory;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import org.apache.camel.ProducerTemplate;
import org.camelshop.catalog.StockWatch;
import org.camelshop.platform.Json;
import org.camelshop.platform.ShopMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stock changes that cross zero, and products or variants created without stock, into {@link StockEvent}s on inventory-update-queue (route publish-stock-event).
 * The stock change itself is already done when this runs: a failure to publish is logged and counted, not thrown,
 * and the flags it would have set are repaired by the next crossing.
 */
public final class StockEvents implements StockWatch {

    public static final String ENDPOINT = "direct:publish-stock-event";
    private static final Logger LOG = LoggerFactory.getLogger(StockEvents.class);

    private final ProducerTemplate producer;
    private final Clock clock;
    private final ShopMetrics metrics;

    public StockEvents(ProducerTemplate producer, Clock clock, ShopMetrics metrics) {
        this.producer = producer;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void changed(String productId, int before, int after) {
        crossed(productId, null, before, after);
    }

    @Override
    public void variantChanged(String productId, String variantId, int before, int after) {
        crossed(productId, variantId, before, after);
    }

    private void crossed(String productId, String variantId, int before, int after) {
        String type = before > 0 && after <= 0 ? StockEvent.OUT_OF_STOCK : before <= 0 && after > 0 ? StockEvent.BACK_IN_STOCK : null;
        if (type == null) {
            return;
        }
        LOG.info("Product {}{} {} ({} → {})", productId, variantId == null ? "" : " variant " + variantId, type.replace('_', ' '), before, after);
        publish(type, productId, variantId, after);
    }

    @Override
    public void created(String productId, int stock) {
        if (stock <= 0) {
            LOG.info("Product {} created out of stock", productId);
            publish(StockEvent.OUT_OF_STOCK, productId, null, stock);
        }
    }

    @Override
    public void variantCreated(String productId, String variantId, int stock) {
        if (stock <= 0) {
            LOG.info("Product {} variant {} created out of stock", productId, variantId);
            publish(StockEvent.OUT_OF_STOCK, productId, variantId, stock);
        }
    }

    private void publish(String type, String productId, String variantId, int after) {
        try {
            producer.sendBody(ENDPOINT, Json.write(new StockEvent(type, productId, after, clock.instant().toString(), variantId)));
        } catch (RuntimeException e) {
            LOG.warn("Could not publish {} of product {}: {}", type, productId, e.toString());
            failures().increment();
        }
    }

    private Counter failures() {
        return metrics.counter("shop_stock_events_unpublished", "Stock events that could not be put on inventory-update-queue");
    }
}
