package org.camelshop.order;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Orders as other domains (the marketing scans, conversion attribution) read them; OrderRepository answers. */
public interface OrderHistory {

    /** The order as stored now (a consistent read). */
    Optional<Order> find(String orderId);

    /** A user's orders, newest first. */
    List<Order> forUser(String userId);

    /**
     * Of these users, those whose orders were written in the last day — all of them when that cannot be told — so a
     * reader that learns of orders through a queue knows whose news may still be on the way.
     */
    Set<String> writtenLately(Collection<String> userIds);
}
