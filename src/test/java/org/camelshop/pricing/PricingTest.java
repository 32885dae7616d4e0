package org.camelshop.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PricingTest {

    private final Pricing pricing = new Pricing(new Pricing.Rules(Map.of("US-CA", 725, "US", 0, "GB", 2000), 100, 599, 5000, "usd"));
    private final Address california = new Address("Ann", "1 Main St", null, "Los Angeles", "ca", "90001", "us");
    private final Address texas = new Address("Bob", "2 Elm St", null, "Austin", "TX", "73301", "US");

    private static Quote.PricedLine book(int quantity) {
        return Pricing.line("prod-1", null, null, "Book", 1999, quantity, false);
    }

    private static Quote.PricedLine ebook() {
        return Pricing.line("prod-2", null, null, "E-Book", 999, 1, true);
    }

    private static DiscountCode code(String type, long value) {
        return new DiscountCode("CODE", type, value, null, null, 0, true, true, "2026-01-01T00:00:00Z");
    }

    @Test
    void physicalOrderUnderTheThresholdPaysFlatShippingAndStateTax() {
        Quote quote = pricing.quote(List.of(book(2)), null, california);
        assertEquals(3998, quote.subtotal());
        assertEquals(0, quote.discount());
        assertEquals(290, quote.tax(), "7.25 % of 39.98 = 2.898 -> 2.90");
        assertEquals(599, quote.shipping());
        assertEquals(3998 + 290 + 599, quote.total());
    }

    @Test
    void freeShippingFromTheThresholdAfterDiscount() {
        assertEquals(0, pricing.quote(List.of(book(3)), null, texas).shipping(), "59.97 >= 50.00");
        assertEquals(599, pricing.quote(List.of(book(3)), code(DiscountCode.PERCENT, 20), texas).shipping(), "47.98 after 20 % off");
    }

    @Test
    void digitalOnlyOrdersShipFree() {
        assertEquals(0, pricing.quote(List.of(ebook()), null, texas).shipping());
        assertEquals(599, pricing.quote(List.of(ebook(), book(1)), null, texas).shipping());
    }

    @Test
    void taxFallsBackFromStateToCountryToDefault() {
        assertEquals(0, pricing.quote(List.of(book(1)), null, texas).tax(), "US has no state rate for TX here: country rate 0");
        assertEquals(400, pricing.quote(List.of(book(1)), null, new Address("C", "1 High St", null, "London", null, "SW1A 1AA", "GB")).tax());
        assertEquals(20, pricing.quote(List.of(book(1)), null, null).tax(), "no address: default 1 %");
    }

    @Test
    void discountsRoundDownAndNeverExceedTheSubtotal() {
        Quote percent = pricing.quote(List.of(book(1)), code(DiscountCode.PERCENT, 10), texas);
        assertEquals(199, percent.discount(), "10 % of 19.99 = 1.999 -> 1.99");
        assertEquals("CODE", percent.discountCode());
        Quote fixed = pricing.quote(List.of(book(1)), code(DiscountCode.FIXED, 5000), texas);
        assertEquals(1999, fixed.discount());
        assertEquals(599, fixed.total(), "nothing but shipping left");
    }

    @Test
    void emptyCartCostsNothing() {
        Quote quote = pricing.quote(List.of(), null, california);
        assertEquals(0, quote.total());
        assertNull(quote.discountCode());
    }

    @Test
    void lineTotalsNeverOverflowSilently() {
        assertThrows(ArithmeticException.class, () -> Pricing.line("p", null, null, "x", Long.MAX_VALUE / 2, 3, false));
    }

    @Test
    void codesKnowWhenTheyCannotBeUsed() {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        assertNull(code(DiscountCode.PERCENT, 10).unusableReason(now));
        assertEquals("has expired", new DiscountCode("C", "percent", 10, "2026-05-31T23:59:59Z", null, 0, true, true, "x").unusableReason(now));
        assertEquals("has been used up", new DiscountCode("C", "percent", 10, null, 5, 5, true, true, "x").unusableReason(now));
        assertEquals("is no longer active", new DiscountCode("C", "percent", 10, null, null, 0, true, false, "x").unusableReason(now));
    }
}
