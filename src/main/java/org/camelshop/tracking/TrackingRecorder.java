package org.camelshop.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.camelshop.account.AccountRepository;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.order.Order;
import org.camelshop.order.OrderRepository;
import org.camelshop.platform.Json;
import org.camelshop.pricing.Quote.PricedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of tracking-event-queue: writes each event to ProductViews with the product's name, category and
 * price at that moment, and a 90-day TTL. A purchase becomes one row per product of the order, and only for the
 * order's own buyer. Row ids derive from the event (or the order), so a redelivered event rewrites the same rows. A
 * logged-in user's view, cart add and purchase is also noted per (user, product) in ProductViewCounters (idempotently,
 * in any order), which is all the browse-abandonment scan reads of them.
 * Events of a deleted account (its tombstone) are dropped. Returns the order of a purchase (for conversion attribution),
 * else null.
 */
public final class TrackingRecorder {

    public static final Duration RETENTION = Duration.ofDays(90);
    private static final Logger LOG = LoggerFactory.getLogger(TrackingRecorder.class);

    private final ProductViews views;
    private final ViewCounters counters;
    private final ProductRepository products;
    private final OrderRepository orders;
    private final AccountRepository accounts;

    public TrackingRecorder(ProductViews views, ViewCounters counters, ProductRepository products, OrderRepository orders,
            AccountRepository accounts) {
        this.views = views;
        this.counters = counters;
        this.products = products;
        this.orders = orders;
        this.accounts = accounts;
    }

    public Order record(String message) {
        TrackingEvent event = Json.read(message, TrackingEvent.class);
        if (event.userId() != null && accounts.isErased(event.userId())) {
            // queued before the user deleted their account: recording it would bring their history back
            LOG.info("Tracking event {} of a deleted account: not recorded", event.eventId());
            return null;
        }
        Instant at = Instant.parse(event.occurredAt());
        long expires = at.plus(RETENTION).getEpochSecond();
        if (TrackingEvent.PURCHASE.equals(event.type())) {
            return recordPurchase(event, at, expires);
        }
        Optional<Product> product = products.find(event.productId());
        if (product.isEmpty()) {
            LOG.info("Tracking event {} names unknown product {}: not recorded", event.eventId(), event.productId());
            return null;
        }
        Product p = product.get();
        views.put(new ProductView(event.eventId(), event.occurredAt(), event.type(), event.userId(), event.sessionId(), p.productId(),
                p.name(), p.category(), p.price(), event.viewDuration(), event.referrer(), event.deviceType(), null, event.occurredAt(), expires));
        if (event.userId() == null) {
            return null;
        }
        if (TrackingEvent.VIEW.equals(event.type())) {
            counters.count(event.userId(), p.productId(), event.eventId(), event.occurredAt(), expires);
        } else if (TrackingEvent.CART_ADD.equals(event.type())) {
            counters.cartAdded(event.userId(), p.productId(), event.occurredAt(), expires);
        }
        return null;
    }

    private Order recordPurchase(TrackingEvent event, Instant at, long expires) {
        // the server's own purchase event carries the order it placed; a shopper's names one, read to check it is theirs
        Optional<Order> order = event.order() != null ? Optional.of(event.order()) : orders.find(event.orderId());
        boolean buyer = order.isPresent() && (order.get().userId().equals(event.userId())
                || order.get().userId().equals("guest-" + event.sessionId()));
        if (!buyer) {
            LOG.info("Purchase event {} for order {} not from its buyer: not recorded", event.eventId(), event.orderId());
            return null;
        }
        Order o = order.get();
        String userId = o.isGuestOrder() ? null : o.userId();
        List<PricedLine> lines = new ArrayList<>(o.items());
        for (PricedLine line : lines) {
            views.put(new ProductView("purchase-" + o.orderId() + "-" + line.productId(), o.orderDate(), TrackingEvent.PURCHASE, userId,
                    event.sessionId(), line.productId(), line.name(), null, line.unitPrice(), null, null, null, o.orderId(), event.occurredAt(),
                    expires));
            if (userId != null) {
                counters.bought(userId, line.productId(), o.orderId(), o.orderDate());
            }
        }
        LOG.info("Purchase of order {} recorded ({} products)", o.orderNumber(), lines.size());
        return o;
    }
}
