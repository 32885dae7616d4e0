package org.camelshop.cart;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Stream;

/** The reads of carts that other domains (the marketing scans and their analytics) need; CartRepository answers them. */
public interface CartLookup {

    /** The carts of many owners at once, by owner (strongly consistent, from the table); owners without one are absent. */
    Map<String, Cart> cartsOf(Collection<String> owners);

    /** Carts of registered users with items, last changed in [{@code from}, {@code to}) and not expired at {@code now}. */
    Stream<Cart> idleUserCarts(Instant from, Instant to, Instant now);
}
