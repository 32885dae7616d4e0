package org.camelshop.tracking;

import java.util.stream.Stream;

/** Who watches which product, for price-drop and back-in-stock notices; {@link Watchlist} keeps the watches. */
public interface Watchers {

    /** Every watch of every user. */
    Stream<WatchItem> all();

    /** Every watch of one product, of any of its variants. */
    Stream<WatchItem> of(String productId);
}
