package org.camelshop.cart;

import java.time.Duration;

import org.camelshop.platform.ShopSettings;

/**
 * The cart's settings ({@code shop.cart.*} and the shop's currency), read once at start; their defaults are in
 * application.properties. How long an untouched cart lives, how long Redis keeps a copy in front of DynamoDB, and the
 * currency its totals are shown in.
 */
public record CartSettings(Duration lifetime, Duration cacheTtl, String currency) {

    public static CartSettings from(ShopSettings settings) {
        return new CartSettings(Duration.ofDays(settings.getInt("shop.cart.ttl-days")),
                Duration.ofMinutes(settings.getInt("shop.cart.cache-ttl-minutes")), settings.get("shop.currency"));
    }
}
