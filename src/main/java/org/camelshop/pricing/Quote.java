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

    /** One priced line: the catalog's current price, never the client's. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PricedLine(String productId, String name, long unitPrice, int quantity, long lineTotal, boolean digitalDownload) {
    }
}
