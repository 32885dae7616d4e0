package org.camelshop.order;

import java.util.List;

import java.util.Optional;

/** Orders as other domains (the marketing scans, conversion attribution) read them; OrderRepository answers. */
public interface OrderHistory {

    /** The order as stored now (a consistent read). */
    Optional<Order> find(String orderId);

    /** A user's orders, newest first. */
    List<Order> forUser(String userId);
}
