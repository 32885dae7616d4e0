package org.camelshop.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Percentage rollout: stable per visitor, about the right share, growing only by adding visitors. */
class FeatureFlagsTest {

    private static long visitorsIn(FeatureFlags flags, String feature) {
        return IntStream.range(0, 10_000).filter(i -> flags.isOn(feature, "visitor-" + i)).count();
    }

    @Test
    void tenPercentIsAboutOneVisitorInTen() {
        long in = visitorsIn(new FeatureFlags(Map.of("new-checkout", 10)), "new-checkout");
        assertTrue(in > 900 && in < 1100, in + " of 10,000");
    }

    @Test
    void raisingThePercentageOnlyAddsVisitors() {
        FeatureFlags ten = new FeatureFlags(Map.of("f", 10));
        FeatureFlags fifty = new FeatureFlags(Map.of("f", 50));
        IntStream.range(0, 10_000).mapToObj(i -> "visitor-" + i).filter(v -> ten.isOn("f", v))
                .forEach(v -> assertTrue(fifty.isOn("f", v), v));
        assertEquals(ten.isOn("f", "visitor-7"), new FeatureFlags(Map.of("f", 10)).isOn("f", "visitor-7"), "the same answer every time");
    }

    @Test
    void edgesAndUnknowns() {
        FeatureFlags flags = new FeatureFlags(Map.of("all", 100, "none", 0));
        assertTrue(flags.isOn("all", null), "100 % includes anonymous visitors");
        assertFalse(flags.isOn("none", "visitor-1"));
        assertFalse(flags.isOn("unknown", "visitor-1"));
        assertEquals(0, visitorsIn(flags, "none"));
        assertThrows(IllegalArgumentException.class, () -> new FeatureFlags(Map.of("bad", 101)));
    }
}
