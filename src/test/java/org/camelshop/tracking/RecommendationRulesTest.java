package org.camelshop.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camelshop.catalog.Product;
import org.junit.jupiter.api.Test;

class RecommendationRulesTest {

    private static Product product(String id, String category, int stock) {
        return new Product(id, id, "", 1000, category, null, null, List.of(), "SKU-" + id, stock, false, null, null, null, false,
                Product.ACTIVE, List.of(), "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", 0, 0, 0, 1, null, null);
    }

    private static ProductView row(String user, String productId, String category, String type) {
        return new ProductView(user + productId + type, "2026-11-20T10:00:00Z", type, user, null, productId, productId, category, 1000,
                null, null, null, null, "2026-11-20T10:00:00Z", Long.MAX_VALUE);
    }

    private final Map<String, Product> catalog = new HashMap<>();

    private List<Product> bestsellers(Product... products) {
        for (Product p : products) {
            catalog.put(p.productId(), p);
        }
        return List.of(products);
    }

    @Test
    void withoutHistoryTheBestSellersComeInOrder() {
        List<Product> best = bestsellers(product("a", "Books", 5), product("b", "Music", 5), product("c", "Books", 5));
        assertEquals(List.of("a", "b", "c"), ids(RecommendationRules.rank(List.of(), List.of(), best, catalog, 8)));
    }

    @Test
    void categoryAffinityLiftsTheUsersCategoryAboveMorePopularOnes() {
        List<Product> best = bestsellers(product("music-1", "Music", 5), product("book-1", "Books", 5), product("seen", "Books", 5));
        List<ProductView> mine = List.of(row("me", "seen", "Books", TrackingEvent.VIEW));
        List<String> ranked = ids(RecommendationRules.rank(mine, List.of(), best, catalog, 8));
        assertEquals("book-1", ranked.get(0));
    }

    @Test
    void whatOthersWithTheSameInterestBoughtRanksFirstAndPurchasesAndSoldOutAreLeftOut() {
        List<Product> best = bestsellers(product("popular", "Music", 5), product("mine", "Books", 5), product("sold-out", "Books", 0));
        catalog.put("co-bought", product("co-bought", "Games", 5));
        List<ProductView> mine = List.of(row("me", "mine", "Books", TrackingEvent.PURCHASE));
        List<ProductView> others = List.of(row("other", "mine", "Books", TrackingEvent.VIEW), row("other", "co-bought", "Games", TrackingEvent.PURCHASE),
                row("other", "sold-out", "Books", TrackingEvent.PURCHASE));
        List<String> ranked = ids(RecommendationRules.rank(mine, others, best, catalog, 8));
        assertEquals("co-bought", ranked.get(0));
        assertFalse(ranked.contains("mine"), "already bought");
        assertFalse(ranked.contains("sold-out"), "out of stock");
    }

    @Test
    void theListIsCappedAtItsSize() {
        List<Product> best = bestsellers(product("a", "X", 1), product("b", "X", 1), product("c", "X", 1));
        assertEquals(2, RecommendationRules.rank(List.of(), List.of(), best, catalog, 2).size());
    }

    private static List<String> ids(List<Product> products) {
        return products.stream().map(Product::productId).toList();
    }
}
