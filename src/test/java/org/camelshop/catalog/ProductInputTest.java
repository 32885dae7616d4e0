package org.camelshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camelshop.platform.ApiException;
import org.camelshop.platform.Json;
import org.junit.jupiter.api.Test;

class ProductInputTest {

    private static final Categories CATEGORIES = Categories.ofDefaults();
    private final Product existing = SampleCatalog.products().get(0);

    @Test
    void changesOnlyTheFieldsSentAndNormalisesCategoryAndSku() {
        Product changed = Json.read("{\"price\":999,\"category\":\"BOOKS\",\"sku\":\" ab-1 \"}", ProductInput.class).applyTo(existing, CATEGORIES);
        assertEquals(999, changed.price());
        assertEquals("Books", changed.category());
        assertEquals("AB-1", changed.sku());
        assertEquals(existing.name(), changed.name());
        assertEquals(existing.salesCount(), changed.salesCount());
        assertEquals(existing.cacheVersion(), changed.cacheVersion());
    }

    @Test
    void serverOwnedFieldsAreNotEvenRead() {
        Product changed = Json.read("{\"sales_count\":1,\"rating\":5,\"review_count\":9,\"cache_version\":99,\"product_id\":\"x\"}",
                ProductInput.class).applyTo(existing, CATEGORIES);
        assertEquals(existing, changed);
    }

    @Test
    void reportsEveryInvalidField() {
        ProductInput input = Json.read("{\"name\":\" \",\"price\":-1,\"subcategory\":\"Mugs\",\"stock_quantity\":-1,"
                + "\"images\":[\"ftp://x\"],\"tags\":[\"\"],\"status\":\"gone\",\"dimensions\":{\"length\":-2}}", ProductInput.class);
        ApiException error = assertThrows(ApiException.class, () -> input.applyTo(existing, CATEGORIES));
        assertEquals(Set.of("name", "price", "subcategory", "stock_quantity", "images", "tags", "status", "dimensions"),
                error.details().stream().map(ApiException.FieldProblem::field).collect(Collectors.toSet()));
    }

    @Test
    void acceptsSitePathsAndHttpsImagesOnly() {
        assertEquals(List.of("/images/a.png", "https://cdn.example.com/a.png"),
                Json.read("{\"images\":[\"/images/a.png\",\"https://cdn.example.com/a.png\"]}", ProductInput.class).applyTo(existing, CATEGORIES).images());
        assertThrows(ApiException.class, () -> Json.read("{\"image_url\":\"http://insecure.example.com/a.png\"}", ProductInput.class).applyTo(existing, CATEGORIES));
    }

    private static final String SHIRT_OPTIONS = "\"options\":[{\"name\":\"Size\",\"values\":[\"S\",\"M\"]},{\"name\":\"Colour\",\"values\":[\"Navy\",\"White\"]}]";

    @Test
    void variantsGetIdsFromTheirValuesAndTheProductHoldsTheirStock() {
        Product shirt = Json.read("{" + SHIRT_OPTIONS + ",\"variants\":["
                + "{\"sku\":\"ts-m-navy\",\"options\":{\"Colour\":\"Navy\",\"Size\":\"M\"},\"stock\":3,\"price\":2599},"
                + "{\"sku\":\"TS-S-NAVY\",\"options\":{\"Size\":\"S\",\"Colour\":\"Navy\"},\"stock\":4}]}", ProductInput.class)
                .applyTo(existing, CATEGORIES);
        assertEquals(7, shirt.stockQuantity());
        assertEquals(List.of("m-navy", "s-navy"), shirt.variants().stream().map(Variant::variantId).toList());
        assertEquals("TS-M-NAVY", shirt.variants().get(0).sku());
        Variant medium = shirt.variant("m-navy").orElseThrow();
        assertEquals("M / Navy", shirt.labelOf(shirt.variant("m-navy")));
        assertEquals(2599, shirt.priceOf(shirt.variant("m-navy")));
        assertEquals(shirt.price(), shirt.priceOf(shirt.variant("s-navy")));
        assertEquals(3, medium.stock());
    }

    @Test
    void aProductWithOptionsIsBoughtByVariantOnly() {
        Product shirt = Json.read("{" + SHIRT_OPTIONS + ",\"variants\":[{\"sku\":\"TS-1\",\"options\":{\"Size\":\"S\",\"Colour\":\"White\"},\"stock\":1}]}",
                ProductInput.class).applyTo(existing, CATEGORIES);
        assertEquals("variant_required", assertThrows(ApiException.class, () -> shirt.variant(null)).code());
        assertEquals("Choose the size and colour of " + shirt.name(), assertThrows(ApiException.class, () -> shirt.variant(null)).getMessage());
        assertEquals("unknown_variant", assertThrows(ApiException.class, () -> shirt.variant("xl-red")).code());
        assertEquals("no_options", assertThrows(ApiException.class, () -> existing.variant("s-white")).code());
        assertEquals(existing.stockQuantity(), existing.stockOf(existing.variant(null)));
    }

    @Test
    void namesEveryBrokenVariantRule() {
        ApiException error = assertThrows(ApiException.class, () -> Json.read("{" + SHIRT_OPTIONS + ",\"variants\":["
                + "{\"sku\":\"TS-1\",\"options\":{\"Size\":\"XL\",\"Colour\":\"Navy\"},\"stock\":-1,\"price\":-5}]}", ProductInput.class)
                .applyTo(existing, CATEGORIES));
        assertEquals(Set.of("variants[0].options", "variants[0].stock", "variants[0].price"),
                error.details().stream().map(ApiException.FieldProblem::field).collect(Collectors.toSet()));
        assertEquals(Set.of("variants"), assertThrows(ApiException.class, () -> Json.read("{" + SHIRT_OPTIONS + "}", ProductInput.class)
                .applyTo(existing, CATEGORIES)).details().stream().map(ApiException.FieldProblem::field).collect(Collectors.toSet()));
    }

    @Test
    void stockOfAProductWithVariantsIsSetPerVariant() {
        Product shirt = Json.read("{" + SHIRT_OPTIONS + ",\"variants\":[{\"sku\":\"TS-1\",\"options\":{\"Size\":\"S\",\"Colour\":\"White\"},\"stock\":2}]}",
                ProductInput.class).applyTo(existing, CATEGORIES);
        ApiException error = assertThrows(ApiException.class, () -> Json.read("{\"stock_quantity\":9}", ProductInput.class).applyTo(shirt, CATEGORIES));
        assertEquals("stock_quantity", error.details().get(0).field());
        Product renamed = Json.read("{\"variants\":[{\"variant_id\":\"s-white\",\"sku\":\"TS-2\",\"options\":{\"Size\":\"S\",\"Colour\":\"White\"}},"
                + "{\"sku\":\"TS-3\",\"options\":{\"Size\":\"M\",\"Colour\":\"White\"},\"stock\":5}]}", ProductInput.class).applyTo(shirt, CATEGORIES);
        assertEquals(2, renamed.variant("s-white").orElseThrow().stock(), "left out: the stock it has now (orders may have taken some)");
        assertEquals(7, renamed.stockQuantity());
        Product plain = Json.read("{\"options\":[],\"variants\":[],\"stock_quantity\":9}", ProductInput.class).applyTo(shirt, CATEGORIES);
        assertEquals(9, plain.stockQuantity());
        assertEquals(null, plain.variants());
    }
}
