package org.camelshop.marketing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The marketing triggers (seed "smart shopping"), with their discount and the name used in records and links. */
public enum Trigger {
    ABANDONED_CART(10),
    BROWSE_ABANDONMENT(5),
    PRICE_DROP(0),
    BACK_IN_STOCK(0),
    RECOMMENDATIONS(0);

    private final int discountPercent;

    Trigger(int discountPercent) {
        this.discountPercent = discountPercent;
    }

    public int discountPercent() {
        return discountPercent;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Trigger> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst();
    }
}
