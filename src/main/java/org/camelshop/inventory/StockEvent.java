package org.camelshop.inventory;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What inventory-update-queue carries: a product ran out ({@code out_of_stock}) or came back ({@code back_in_stock}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StockEvent(String type, String productId, int stockQuantity, String occurredAt) {

    public static final String OUT_OF_STOCK = "out_of_stock";
    public static final String BACK_IN_STOCK = "back_in_stock";
}
