package org.camelshop.pricing;

/** How other domains (a marketing trigger's single-use code) create a discount code; DiscountCodeRepository does it. */
public interface DiscountCodeIssuer {

    /** Stores a new code, or replaces one when {@code replace}; false when a new code's name is taken. */
    boolean save(DiscountCode code, boolean replace);
}
