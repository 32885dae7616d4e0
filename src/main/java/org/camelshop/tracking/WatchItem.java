package org.camelshop.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A row of WatchList (seed): a user watches a product for a price below {@code target_price} and/or its return to
 * stock. {@code updated_at} changes whenever the user sets the watch again, which starts a new price-drop episode.
 * For a product with options the watch is of one variant ({@code variant_id}, shown as {@code variant_label} "M / Navy"):
 * its price and stock are the variant's. Null for a product without options.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchItem(
        String userId,
        String productId,
        String productName,
        long currentPrice,
        Long targetPrice,
        boolean inStock,
        boolean notifyOnPriceDrop,
        boolean notifyOnRestock,
        String createdAt,
        String updatedAt,
        String variantId,
        String variantLabel) {
}
