package org.camelshop.pricing;

import java.util.List;
import java.util.Set;

/** How other domains (a marketing trigger's single-use code) create a discount code; DiscountCodeRepository does it. */
public interface DiscountCodeIssuer {

    /** Stores a new code, or replaces one when {@code replace}; false when a new code's name is taken. */
    boolean save(DiscountCode code, boolean replace);

    /**
     * Stores many new codes in a few batch calls; answers the names that were taken already (those are not stored).
     * The check and the write are separate calls: meant for random names, where another code taking one in between is
     * practically impossible.
     */
    Set<String> saveNew(List<DiscountCode> codes);
}
