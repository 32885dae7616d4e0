package org.camelshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    @Test
    void apparelComesInSizesAndColoursWhoseStockAddsUpToTheProducts() {
        Map<String, List<String>> optionsBySubcategory = new java.util.HashMap<>();
        for (Product p : products) {
            if (!p.category().equals("Apparel")) {
                assertEquals(null, p.variants(), p.productId() + " is sold without options");
                continue;
            }
            optionsBySubcategory.put(p.subcategory(), p.options().stream().map(Variant.Option::name).toList());
            assertEquals(p.stockQuantity(), p.variants().stream().mapToInt(Variant::stock).sum(), p.productId());
            assertEquals(p.options().stream().mapToInt(o -> o.values().size()).reduce(1, (a, b) -> a * b), p.variants().size(), "every combination");
            p.variants().forEach(v -> assertTrue(v.stock() >= 0 && v.sku().startsWith(p.sku() + "-"), v.toString()));
            // validated like an admin's input: the sample is a product the API would accept
            assertEquals(p.variants(), new ProductInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    p.options(), p.variants()).applyTo(p, Categories.ofDefaults()).variants());
        }
        assertEquals(Map.of("T-Shirts", List.of("Size", "Colour"), "Hoodies", List.of("Size", "Colour"), "Hats", List.of("Colour")), optionsBySubcategory);
        Product tee = products.stream().filter(p -> p.subcategory().equals("T-Shirts")).findFirst().orElseThrow();
        assertEquals(tee.price() + 200, tee.priceOf(tee.variant("xl-navy")), "XL costs a little more");
        assertEquals(tee.price(), tee.priceOf(tee.variant("m-navy")));
        assertEquals("M / Heather Grey", tee.labelOf(tee.variant("m-heather-grey")));
    }
}
