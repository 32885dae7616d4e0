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
}
