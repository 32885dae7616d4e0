package org.camelshop.pricing;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What an order of these lines costs, in cents: {@code total = subtotal - discount + tax + shipping}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Quote(List<PricedLine> lines, long subtotal, long discount, long tax, long shipping, long total,
                    String discountCode, String currency) {

    /**
     * One priced line: the catalog's current price, never the client's. {@code variantId} and its label {@code variant}
     * ("M / Navy") name the chosen variant of a product with options.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PricedLine(String productId, String name, long unitPrice, int quantity, long lineTotal, boolean digitalDownload,
                             String variantId, String variant) {

        /** A line of a product without options. */
        public PricedLine(String productId, String name, long unitPrice, int quantity, long lineTotal, boolean digitalDownload) {
            this(productId, name, unitPrice, quantity, lineTotal, digitalDownload, null, null);
        }

        /** What a buyer reads on invoices, mails and exports: "Faith Over Fear Tee — M / Navy". */
        public String title() {
            return variant == null ? name : name + " \u2014 " + variant;
        }
    }
}
