package org.camelshop.inventory;

import java.util.List;

import org.camelshop.pricing.Quote.PricedLine;

/**
 * What the reserve-stock route (inventory.yaml, bean {@code inventory}) asks of the stock: take an order's lines, all or
 * none. {@link Inventory} keeps the stock; route tests stand in for it through this interface.
 */
public interface StockKeeper {

    /** True when every shipped line of the order is held for it (safe to repeat for the same order). */
    boolean reserve(String orderId, String orderNumber, List<PricedLine> lines);
}
