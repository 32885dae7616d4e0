package org.camelshop.pricing;

import java.util.List;
import java.util.Map;

import org.camelshop.pricing.Quote.PricedLine;

/**
 * The one place money is computed, for cart quotes and orders alike: line prices come from the catalog, then the
 * discount, tax from the rate table (basis points by "COUNTRY-STATE", then "COUNTRY", then the default) on the
 * discounted amount, and shipping (flat, free from a threshold, free when every line is a digital download).
 */
public final class Pricing {

    /** Tax rates in basis points (725 = 7.25 %), shipping in cents. */
    public record Rules(Map<String, Integer> taxRates, int defaultTaxRate, long flatShipping, long freeShippingFrom, String currency) {
    }

    private final Rules rules;

    public Pricing(Rules rules) {
        this.rules = rules;
    }

    /** {@code code} and {@code shipTo} may be null: no discount, tax at the default rate (an estimate). */
    public Quote quote(List<PricedLine> lines, DiscountCode code, Address shipTo) {
        long subtotal = lines.stream().mapToLong(PricedLine::lineTotal).sum();
        long discount = code == null ? 0 : code.discountOn(subtotal);
        long taxable = subtotal - discount;
        long tax = roundHalfUp(taxable * taxRate(shipTo), 10_000);
        boolean digitalOnly = lines.stream().allMatch(PricedLine::digitalDownload);
        long shipping = lines.isEmpty() || digitalOnly || taxable >= rules.freeShippingFrom() ? 0 : rules.flatShipping();
        return new Quote(lines, subtotal, discount, tax, shipping, taxable + tax + shipping,
                code == null ? null : code.code(), rules.currency());
    }

    /** A line at the catalog's unit price; {@code variantId} and {@code variant} (its label) are null without options. */
    public static PricedLine line(String productId, String variantId, String variant, String name, long unitPrice, int quantity, boolean digital) {
        return new PricedLine(productId, name, unitPrice, quantity, Math.multiplyExact(unitPrice, (long) quantity), digital, variantId, variant);
    }

    /** The rate, in basis points, of tax on an order shipped here (also what an invoice names). */
    public int taxRate(Address shipTo) {
        if (shipTo == null) {
            return rules.defaultTaxRate();
        }
        Integer regional = rules.taxRates().get(shipTo.region());
        return regional != null ? regional : rules.taxRates().getOrDefault(shipTo.countryCode(), rules.defaultTaxRate());
    }

    private static long roundHalfUp(long numerator, long denominator) {
        return (numerator + denominator / 2) / denominator;
    }
}
