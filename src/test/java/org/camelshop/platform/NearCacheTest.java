package org.camelshop.platform;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NearCacheTest {

    private final NearCache near = new NearCache(100, Duration.ofMinutes(1));

    @BeforeEach
    void fill() {
        near.activate();
        near.put("products?page=1", null, "\"l\"", "[]", near.generation());
        near.put("product:p1", "p1", "\"a\"", "{}", near.generation());
        near.put("product:p2", "p2", "\"b\"", "{}", near.generation());
    }

    @Test
    void aProductChangeDropsItsResponsesAndEveryList() {
        near.invalidate("p1");
        assertNull(near.get("product:p1"));
        assertNull(near.get("products?page=1"));
        assertNotNull(near.get("product:p2"));
    }

    @Test
    void aChangeListsDoNotShowDropsOnlyTheProductsResponses() {
        near.invalidate(NearCache.PRODUCT_ONLY + "p1");
        assertNull(near.get("product:p1"));
        assertNotNull(near.get("products?page=1"), "the list stays");
        assertNotNull(near.get("product:p2"));
    }

    @Test
    void aCatalogChangeDropsEveryListButNoProduct() {
        near.invalidate("");
        assertNull(near.get("products?page=1"));
        assertNotNull(near.get("product:p1"));
    }
}
