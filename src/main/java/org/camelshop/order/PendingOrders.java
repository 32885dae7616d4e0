package org.camelshop.order;

/**
 * What the process-order route (order-processor.yaml, bean {@code orderProcessor}) asks before and after it reserves an
 * order's stock. {@link OrderProcessor} answers from the Orders table; route tests stand in for it through this
 * interface.
 */
public interface PendingOrders {

    /** The pending order a queue message names, or null when it was processed before (a redelivery). */
    Order pendingOrder(String message);

    /** Moves the order on once its stock was reserved or found short; the mail request to queue, or null for none. */
    String afterReservation(Order order, boolean reserved);
}
