package org.camelshop.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camelshop.catalog.Product;
import org.camelshop.catalog.Variant;
import org.camelshop.platform.ApiException;
import org.junit.jupiter.api.Test;

class WatchItemTest {

    private static final List<Variant.Option> OPTIONS = List.of(new Variant.Option("Size", List.of("S", "M")),
            new Variant.Option("Colour", List.of("Navy")));
    private static final Variant SMALL = new Variant("s-navy", "TEE-S", Map.of("Size", "S", "Colour", "Navy"), 1800L, 0, null);
    private static final Variant MEDIUM = new Variant("m-navy", "TEE-M", Map.of("Size", "M", "Colour", "Navy"), null, 4, null);

    private static Product shirt(List<Variant> variants) {
        return new Product("tee", "T-shirt", "", 1500, "Clothing", null, null, List.of(), "TEE", 4, false, null, null, null, false,
                Product.ACTIVE, List.of(), "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", 0, 0, 0, 1,
                variants.isEmpty() ? null : OPTIONS, variants.isEmpty() ? null : variants);
    }

    @Test
    void aVariantWatchHasTheVariantsPriceStockAndLabel() {
        Product shirt = shirt(List.of(SMALL, MEDIUM));
        WatchItem small = Watchlist.of(shirt, shirt.variant("s-navy"), "u1", null, false, true, "t0", "t0");
        assertEquals("s-navy", small.variantId());
        assertEquals("S / Navy", small.variantLabel());
        assertEquals(1800, small.currentPrice());
        assertFalse(small.inStock(), "S is sold out while the product still has M");
        WatchItem medium = Watchlist.of(shirt, shirt.variant("m-navy"), "u1", null, false, true, "t0", "t0");
        assertEquals(1500, medium.currentPrice(), "no price of its own: the product's");
        assertTrue(medium.inStock());
    }

    @Test
    void aProductWithOptionsNeedsAKnownVariantAndOneWithoutTakesNone() {
        Product shirt = shirt(List.of(SMALL, MEDIUM));
        assertEquals(400, assertThrows(ApiException.class, () -> shirt.variant(null)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> shirt.variant("xl-red")).status());
        Product plain = shirt(List.of());
        WatchItem watch = Watchlist.of(plain, plain.variant(null), "u1", 1000L, true, true, "t0", "t0");
        assertNull(watch.variantId());
        assertTrue(watch.inStock());
        assertEquals(Optional.empty(), plain.variant(null));
    }
}
