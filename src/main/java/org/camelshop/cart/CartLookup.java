package org.camelshop.cart;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** The reads of carts that other domains (the marketing scans and their analytics) need; CartRepository answers them. */
public interface CartLookup {

    /** The cart of an owner (user or guest id), if it has one. */
    Optional<Cart> find(String owner);

    /** Carts of registered users with items, last changed in [{@code from}, {@code to}) and not expired at {@code now}. */
    Stream<Cart> idleUserCarts(Instant from, Instant to, Instant now);
}
