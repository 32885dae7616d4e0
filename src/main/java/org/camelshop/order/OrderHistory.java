package org.camelshop.order;

import java.util.List;

/** A user's orders, as other domains (the marketing scans) read them; OrderRepository answers. */
public interface OrderHistory {

    /** A user's orders, newest first. */
    List<Order> forUser(String userId);
}
