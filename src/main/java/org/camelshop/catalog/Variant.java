package org.camelshop.catalog;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One buyable choice of a product with options ("M / Navy"): its own SKU, stock and picture, and a price in cents
 * when it differs from the product's ({@code null}: the product's price). {@code options} maps each option name to
 * one of its values. {@code stock} is always set on a stored variant; an admin's edit may leave it out to keep the
 * stock the variant has (orders may have taken some since the admin read it).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Variant(String variantId, String sku, Map<String, String> options, Long price, Integer stock, String image) {

    /** A named choice a buyer makes ("Size": S, M, L), its values in display order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Option(String name, List<String> values) {
    }

    /** What this variant costs, in cents. */
    public long priceOr(long productPrice) {
        return price != null ? price : productPrice;
    }

    /** The variant's values in the product's option order: "M / Navy". */
    public String label(List<Option> order) {
        return order.stream().map(option -> options.get(option.name())).collect(Collectors.joining(" / "));
    }
}
