package org.camelshop.tracking;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camelshop.catalog.Product;

/**
 * How recommendations are ranked (docs/recommendations.md), pure so it can be tested without data stores.
 * Signals: what the user did (view 1, cart add 3, purchase 5 per row), what other shoppers who touched the same
 * products also touched (co-view / co-purchase, weighted the same way), and the user's category affinity applied to
 * the best sellers. Products the user bought, and products out of stock or not for sale, are never recommended.
 */
public final class RecommendationRules {

    static final double CO_INTEREST_WEIGHT = 2.0;
    static final double AFFINITY_WEIGHT = 1.0;

    private RecommendationRules() {
    }

    static int weight(String eventType) {
        return switch (eventType) {
            case TrackingEvent.PURCHASE -> 5;
            case TrackingEvent.CART_ADD -> 3;
            default -> 1;
        };
    }

    /**
     * @param mine         the user's rows
     * @param others       rows of other shoppers who touched the user's products
     * @param bestsellers  active products, best selling first
     * @param candidates   every product that may be named (co-interest products and the best sellers), by id
     */
    public static List<Product> rank(List<ProductView> mine, Collection<ProductView> others, List<Product> bestsellers,
            Map<String, Product> candidates, int limit) {
        Set<String> bought = new HashSet<>();
        Set<String> touched = new HashSet<>();
        Map<String, Double> affinity = new HashMap<>();
        for (ProductView row : mine) {
            touched.add(row.productId());
            if (TrackingEvent.PURCHASE.equals(row.eventType())) {
                bought.add(row.productId());
            }
            if (row.category() != null) {
                affinity.merge(row.category(), (double) weight(row.eventType()), Double::sum);
            }
        }
        double affinityTotal = affinity.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (ProductView row : others) {
            if (!touched.contains(row.productId())) {
                scores.merge(row.productId(), CO_INTEREST_WEIGHT * weight(row.eventType()), Double::sum);
            }
        }
        for (int rank = 0; rank < bestsellers.size(); rank++) {
            Product product = bestsellers.get(rank);
            double share = affinityTotal == 0 ? 0 : affinity.getOrDefault(product.category(), 0.0) / affinityTotal;
            // popularity decays with rank; with no history every score is popularity alone
            double popularity = 1.0 / (rank + 1);
            scores.merge(product.productId(), AFFINITY_WEIGHT * (share * 10 + popularity), Double::sum);
        }
        return scores.entrySet().stream()
                .filter(e -> !bought.contains(e.getKey()))
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .map(e -> candidates.get(e.getKey()))
                .filter(p -> p != null && Product.ACTIVE.equals(p.status()) && p.inStock())
                .limit(limit)
                .toList();
    }
}
