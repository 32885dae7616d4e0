package org.camelshop.order;

import java.time.Duration;

import org.camelshop.platform.ShopSettings;

/**
 * The order flow's settings ({@code shop.order.*}), read once at start; their defaults are in application.properties.
 * How long a placed order holds its stock waiting for payment, and how long a stored order may stay off the queue before
 * requeue-unqueued-orders sends it again.
 */
public record OrderSettings(Duration reservation, Duration requeueGrace) {

    public static OrderSettings from(ShopSettings settings) {
        return new OrderSettings(Duration.ofMinutes(settings.getInt("shop.order.reservation-minutes")),
                Duration.ofSeconds(settings.getInt("shop.order.requeue-grace-seconds")));
    }
}
