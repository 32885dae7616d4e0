package org.camelshop.inventory;

/**
 * What the update-inventory route (inventory.yaml, bean {@code stockFlags}) does with each event from
 * inventory-update-queue. {@link StockFlags} keeps the flags; route tests stand in for it through this interface.
 */
public interface StockEventHandler {

    /** Applies one stock event; true when it opened a new restock episode (whose watchers are then told). */
    boolean apply(String message);

    /** The product a stock event is about. */
    String productOf(String message);

    /** The variant a stock event is about; null for the product as a whole. */
    String variantOf(String message);
}
