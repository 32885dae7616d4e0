package org.camelshop.inventory;

/** When a product last came back in stock, for back-in-stock notices; {@link StockFlags} keeps the flags. */
public interface RestockedProducts {

    /** A product's current restock episode (0 before it ever came back) and when it began. */
    record Restock(long episode, String restockedAt) {
    }

    Restock restockOf(String productId);
}
