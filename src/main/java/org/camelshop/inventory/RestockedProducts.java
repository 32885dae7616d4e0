package org.camelshop.inventory;

/** When a product or one of its variants last came back in stock, for back-in-stock notices; {@link StockFlags} keeps the flags. */
public interface RestockedProducts {

    /** A product's current restock episode (0 before it ever came back) and when it began. */
    record Restock(long episode, String restockedAt) {
    }

    /** Of the product, or with a {@code variantId} of that variant alone. */
    Restock restockOf(String productId, String variantId);
}
