package org.camelshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.camelshop.platform.ApiException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ProductItemsTest {

    private final ProductItems items = new ProductItems();

    @Test
    void roundTripsEverySampleProduct() {
        SampleCatalog.products().forEach(p -> assertEquals(p, items.fromItem(items.toItem(p))));
    }

    @Test
    void storesFeaturedOnlyWhenTrueSoTheIndexIsSparse() {
        Product featured = SampleCatalog.products().stream().filter(Product::featured).findFirst().orElseThrow();
        Product plain = SampleCatalog.products().stream().filter(p -> !p.featured()).findFirst().orElseThrow();
        assertEquals(AttributeValue.fromS("true"), items.toItem(featured).get("featured"));
        assertFalse(items.toItem(plain).containsKey("featured"));
    }

    @Test
    void missingItemIsA404() {
        ApiException error = assertThrows(ApiException.class, () -> items.found("prod-9999", Map.of()));
        assertEquals(404, error.status());
    }
}
