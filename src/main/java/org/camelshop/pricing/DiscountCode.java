package org.camelshop.pricing;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A discount code: {@code percent} (value 1-100) or {@code fixed} (value in cents), optionally expiring, limited in
 * total uses, and by default usable once per customer.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiscountCode(
        String code,
        String type,
        long value,
        String expiresAt,
        Integer usageLimit,
        long usedCount,
        boolean singleUsePerUser,
        boolean active,
        String createdAt) {

    public static final String PERCENT = "percent";
    public static final String FIXED = "fixed";

    /** Why the code can't be used now, or null when it can. */
    public String unusableReason(Instant now) {
        if (!active) {
            return "is no longer active";
        }
        if (expiresAt != null && !now.isBefore(Instant.parse(expiresAt))) {
            return "has expired";
        }
        if (usageLimit != null && usedCount >= usageLimit) {
            return "has been used up";
        }
        return null;
    }

    /** The discount on {@code subtotal} cents: percent rounds down, fixed never exceeds the subtotal. */
    public long discountOn(long subtotal) {
        return PERCENT.equals(type) ? subtotal * value / 100 : Math.min(value, subtotal);
    }
}
