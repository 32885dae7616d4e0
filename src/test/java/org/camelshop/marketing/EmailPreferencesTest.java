package org.camelshop.marketing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmailPreferencesTest {

    private final EmailPreferences defaults = EmailPreferences.defaults("u-1", "ann@example.com", "2026-11-25T10:00:00Z");

    @Test
    void everyKindIsAllowedByDefault() {
        for (Trigger trigger : Trigger.values()) {
            assertTrue(defaults.allows(trigger), trigger.id());
        }
    }

    @Test
    void switchingOffOneKindLeavesTheOthers() {
        EmailPreferences noCarts = defaults.without(Trigger.ABANDONED_CART, "2026-11-25T11:00:00Z");
        assertFalse(noCarts.allows(Trigger.ABANDONED_CART));
        assertTrue(noCarts.allows(Trigger.PRICE_DROP));
        assertTrue(noCarts.allows(Trigger.RECOMMENDATIONS));
    }

    @Test
    void unsubscribingFromEverythingOrFromMarketingStopsEveryKind() {
        EmailPreferences none = defaults.without(null, "2026-11-25T11:00:00Z");
        EmailPreferences noMarketing = new EmailPreferences("u-1", "ann@example.com", false, true, true, true, true, true, false, null, null, null);
        for (Trigger trigger : Trigger.values()) {
            assertFalse(none.allows(trigger), trigger.id());
            assertFalse(noMarketing.allows(trigger), trigger.id());
        }
    }
}
