package org.camelshop.order;

/**
 * Told once about every cancelled order, whoever cancelled it (the customer, the payment timeout, the order processor
 * for want of stock, an admin), so what the order had claimed elsewhere is given back: its discount code's use, the
 * marketing conversion it counted as.
 */
@FunctionalInterface
public interface CancellationWatch {

    void cancelled(Order order);
}
