package org.camelshop.inventory;

import java.time.Duration;

import org.camelshop.platform.ShopSettings;

/**
 * The inventory's settings ({@code shop.inventory.*}), read once at start; their defaults are in application.properties.
 * How long one worker's claim on an order's reservation holds before another may take it over, and how long finished
 * reservation records are kept.
 */
public record InventorySettings(Duration lease, Duration keepFinished) {

    public static InventorySettings from(ShopSettings settings) {
        return new InventorySettings(Duration.ofSeconds(settings.getInt("shop.inventory.lease-seconds")),
                Duration.ofDays(settings.getInt("shop.inventory.keep-finished-days")));
    }
}
