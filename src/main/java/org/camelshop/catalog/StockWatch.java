package org.camelshop.catalog;

/** Told about every change of a product's stock, so running out and coming back can be acted on (inventory flow). */
@FunctionalInterface
public interface StockWatch {

    void changed(String productId, int before, int after);

    /** Told about every change of one variant's stock (the product's total is told through {@link #changed} as well). */
    default void variantChanged(String productId, String variantId, int before, int after) {
    }

    /** A new product; one created without stock is out of stock from the start, so its first stock is a restock. */
    default void created(String productId, int stock) {
    }

    /** A new variant (with its product, or added to it later); one without stock is out of stock from the start. */
    default void variantCreated(String productId, String variantId, int stock) {
    }
}
