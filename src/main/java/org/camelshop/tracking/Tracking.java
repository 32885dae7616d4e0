package org.camelshop.tracking;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.platform.SessionUser;
import org.camelshop.catalog.ProductQuery;
import org.camelshop.order.Order;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.Json;

/**
 * The tracking API's edge (seed "tracking_api"): checks an event and turns it into the message for
 * tracking-event-queue; the caller gets a 202 at once and the tracking-recorder route writes it. An event belongs to
 * the logged-in user or to the guest session in {@code X-Session-Id}.
 */
public final class Tracking {

    /** What a page sends; everything else about the event is known on the server. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Sighting(String productId, String orderId, Integer viewDuration, String referrer, String deviceType) {
    }

    private static final Set<String> DEVICES = Set.of("desktop", "mobile", "tablet", "other");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Tracking.class);
    private final Clock clock;
    private final org.camelshop.platform.ShopMetrics metrics;

    public Tracking(Clock clock, org.camelshop.platform.ShopMetrics metrics) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The queue message for an event of {@code type} (view, cart_add, purchase) by a user (or null) or guest session. */
    public String accept(Sighting sighting, String type, SessionUser caller, String guestSession) {
        Optional<SessionUser> user = Optional.ofNullable(caller);
        String session = session(guestSession);
        if (user.isEmpty() && session == null) {
            throw ApiException.invalidField("X-Session-Id", "log in, or send your guest session's UUID");
        }
        if (TrackingEvent.PURCHASE.equals(type)) {
            if (sighting.orderId() == null || !sighting.orderId().matches("[0-9a-fA-F-]{36}")) {
                throw ApiException.invalidField("order_id", "must be the id of your order");
            }
        } else {
            ProductQuery.validProductId(sighting.productId());
        }
        if (sighting.viewDuration() != null && (sighting.viewDuration() < 0 || sighting.viewDuration() > 86_400)) {
            throw ApiException.invalidField("view_duration", "must be 0 to 86400 seconds");
        }
        if (sighting.deviceType() != null && !DEVICES.contains(sighting.deviceType())) {
            throw ApiException.invalidField("device_type", "must be one of " + DEVICES);
        }
        if (sighting.referrer() != null && sighting.referrer().length() > 500) {
            throw ApiException.invalidField("referrer", "must be at most 500 characters");
        }
        return Json.write(new TrackingEvent(UUID.randomUUID().toString(), type, user.map(SessionUser::userId).orElse(null), session,
                TrackingEvent.PURCHASE.equals(type) ? null : sighting.productId(), sighting.orderId(), sighting.viewDuration(),
                sighting.referrer(), sighting.deviceType(), clock.instant().toString()));
    }

    /** The 202 answer: the event is queued, here is its id. */
    /**
     * An event that could not be queued (SQS down) is dropped and counted, not failed: it is analytics, and the shopper's
     * page must not break over it. The caller still gets its 202.
     */
    public void dropped(Exception cause) {
        metrics.counter("shop_tracking_events_dropped", "Tracking events dropped because the queue was unreachable").increment();
        LOG.debug("Tracking event dropped: {}", cause.getMessage());
    }

    public java.util.Map<String, Object> receipt(String event) {
        return java.util.Map.of("accepted", true, "event_id", Json.read(event, TrackingEvent.class).eventId());
    }

    /** The purchase event of an order just placed (the server tells it; a page may tell it too, to the same rows). */
    public String purchaseOf(Order order) {
        String guestSession = order.isGuestOrder() ? order.userId().substring("guest-".length()) : null;
        return Json.write(new TrackingEvent(UUID.randomUUID().toString(), TrackingEvent.PURCHASE, order.isGuestOrder() ? null : order.userId(),
                guestSession, null, order.orderId(), null, null, null, clock.instant().toString(), order.withoutAddresses()));
    }

    private static String session(String session) {
        if (session == null) {
            return null;
        }
        try {
            return UUID.fromString(session.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("X-Session-Id", "must be a UUID");
        }
    }
}
