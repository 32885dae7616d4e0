package org.camelshop.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What inventory-update-queue carries: a product, or one variant of it ({@code variant_id}), ran out
 * ({@code out_of_stock}) or came back ({@code back_in_stock}); {@code stock_quantity} is then the variant's.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StockEvent(String type, String productId, int stockQuantity, String occurredAt, String variantId) {

    public static final String OUT_OF_STOCK = "out_of_stock";
    public static final String BACK_IN_STOCK = "back_in_stock";
}
