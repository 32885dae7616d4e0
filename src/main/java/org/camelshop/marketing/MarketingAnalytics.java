package org.camelshop.marketing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.cart.CartLookup;

/** {@code GET /api/marketing/analytics}: per trigger sent → opened → clicked → converted and revenue; abandoned-cart rate. */
public final class MarketingAnalytics {

    /** One trigger's funnel. Rates are fractions of {@code sent}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Funnel(long sent, long opened, long clicked, long converted, long revenue, long suppressed,
            double openRate, double clickRate, double conversionRate) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(Map<String, Funnel> triggers, long cartsWithItems, long abandonedCarts, double abandonedCartRate,
            long revenueAttributed, String generatedAt) {
    }

    private final MarketingRecords records;
    private final CartLookup carts;
    private final Clock clock;

    public MarketingAnalytics(MarketingRecords records, CartLookup carts, Clock clock) {
        this.records = records;
        this.carts = carts;
        this.clock = clock;
    }

    public Report report() {
        Instant now = clock.instant();
        List<MarketingRecord> all = records.all().toList();
        Map<String, Funnel> triggers = new LinkedHashMap<>();
        for (Trigger trigger : Trigger.values()) {
            List<MarketingRecord> mine = all.stream().filter(r -> trigger.id().equals(r.triggerType())).toList();
            long sent = mine.stream().filter(MarketingRecord::wasSent).count();
            long opened = mine.stream().filter(MarketingRecord::opened).count();
            long clicked = mine.stream().filter(MarketingRecord::clicked).count();
            long converted = mine.stream().filter(MarketingRecord::converted).count();
            long revenue = mine.stream().filter(MarketingRecord::converted).mapToLong(MarketingRecord::revenue).sum();
            long suppressed = mine.stream().filter(r -> r.suppressed() != null).count();
            triggers.put(trigger.id(), new Funnel(sent, opened, clicked, converted, revenue, suppressed, rate(opened, sent),
                    rate(clicked, sent), rate(converted, sent)));
        }
        long withItems = carts.idleUserCarts(now.minus(Duration.ofDays(30)), now, now).count();
        long abandoned = carts.idleUserCarts(now.minus(Duration.ofDays(30)), now.minus(Duration.ofHours(24)), now).count();
        return new Report(triggers, withItems, abandoned, rate(abandoned, withItems),
                triggers.values().stream().mapToLong(Funnel::revenue).sum(), now.toString());
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
