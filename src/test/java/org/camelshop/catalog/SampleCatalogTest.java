package org.camelshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class SampleCatalogTest {

    private final List<Product> products = SampleCatalog.products();

    @Test
    void isDeterministic() {
        assertEquals(products, SampleCatalog.products());
    }

    @Test
    void coversEveryCategoryAndSubcategoryWithAtLeastAThousandProducts() {
        assertTrue(products.size() >= 1000, "size " + products.size());
        Categories.DEFAULTS.forEach((category, subcategories) -> subcategories.forEach(sub ->
                assertTrue(products.stream().anyMatch(p -> p.category().equals(category) && p.subcategory().equals(sub)),
                        category + " / " + sub)));
    }

    @Test
    void hasUniqueIdsAndSkusAndPlausibleValues() {
        assertEquals(products.size(), products.stream().map(Product::productId).collect(Collectors.toSet()).size());
        assertEquals(products.size(), products.stream().map(Product::sku).collect(Collectors.toSet()).size());
        for (Product p : products) {
            assertTrue(p.price() >= 99 && p.price() < 10_000, p.productId() + " price " + p.price());
            assertTrue(p.price() % 100 == 49 || p.price() % 100 == 99, "retail price " + p.price());
            assertTrue(p.stockQuantity() >= 0);
            assertEquals(0.0, p.rating(), "no sample reviews, so no rating: " + p.productId());
            assertEquals(0, p.reviewCount(), "no sample reviews: " + p.productId());
            assertEquals(p.digitalDownload(), p.downloadUrl() != null, p.productId());
        }
    }

    @Test
    void mixesSoldOutFeaturedAndDigitalProducts() {
        Set<String> kinds = new HashSet<>();
        products.forEach(p -> {
            if (!p.inStock()) {
                kinds.add("sold out");
            }
            if (p.featured()) {
                kinds.add("featured");
            }
            if (p.digitalDownload()) {
                kinds.add("digital");
            }
        });
        assertEquals(Set.of("sold out", "featured", "digital"), kinds);
    }
}
