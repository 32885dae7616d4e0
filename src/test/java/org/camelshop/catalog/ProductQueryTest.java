package org.camelshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camelshop.platform.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductQueryTest {

    private static ProductQuery parse(String... keyValues) {
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            parameters.put(keyValues[i], keyValues[i + 1]);
        }
        return ProductQuery.fromParameters(parameters, Categories.ofDefaults());
    }

    @Test
    void defaultsToNewestFirstPageOf24() {
        ProductQuery query = parse();
        assertEquals(ProductQuery.Sort.NEWEST, query.sort());
        assertEquals(1, query.page());
        assertEquals(24, query.pageSize());
        assertTrue(query.category().isEmpty());
    }

    @Test
    void acceptsEveryFilterAndCanonicalisesTheCategory() {
        ProductQuery query = parse("category", "digital downloads", "subcategory", "E-Books", "q", "  Grace  Prayer ",
                "min_price", "100", "max_price", "2000", "featured", "true", "in_stock", "FALSE", "sort", "price_desc",
                "page", "3", "page_size", "100");
        assertEquals(Optional.of("Digital Downloads"), query.category());
        assertEquals(List.of("grace", "prayer"), query.searchTerms());
        assertEquals(Optional.of(100L), query.minPrice());
        assertEquals(Optional.of(2000L), query.maxPrice());
        assertEquals(Optional.of(true), query.featured());
        assertEquals(Optional.of(false), query.inStock());
        assertEquals(ProductQuery.Sort.PRICE_DESC, query.sort());
        assertEquals(3, query.page());
        assertEquals(100, query.pageSize());
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource({
            "page_size, 101", "page_size, 0", "page_size, -5", "page_size, ten", "page, 0", "page, 1.5",
            "min_price, -1", "min_price, 9.99", "max_price, 99999999999", "featured, yes", "in_stock, 1",
            "sort, cheapest", "category, Food", "q, ''"})
    void rejectsBadParameterNamingTheField(String field, String value) {
        if (value.isEmpty()) {
            // an empty search is simply no search
            assertTrue(parse(field, value).searchTerms().isEmpty());
            return;
        }
        ApiException error = assertThrows(ApiException.class, () -> parse(field, value));
        assertEquals(400, error.status());
        assertEquals(field, error.details().get(0).field());
    }

    @Test
    void reportsEveryBadParameterAtOnce() {
        ApiException error = assertThrows(ApiException.class, () -> parse("page_size", "500", "sort", "x", "min_price", "5", "max_price", "1"));
        assertEquals(Set.of("sort", "page_size", "max_price"),
                error.details().stream().map(ApiException.FieldProblem::field).collect(Collectors.toSet()));
    }

    @Test
    void rejectsSubcategoryOfAnotherCategoryAndOverlongSearch() {
        assertThrows(ApiException.class, () -> parse("category", "Books", "subcategory", "Mugs"));
        assertThrows(ApiException.class, () -> parse("q", "x".repeat(201)));
    }

    @Test
    void rejectsRepeatedParameter() {
        ApiException error = assertThrows(ApiException.class, () -> ProductQuery.fromParameters(Map.of("page", List.of("1", "2")), Categories.ofDefaults()));
        assertEquals("page", error.details().get(0).field());
    }

    @ParameterizedTest
    @CsvSource({"prod-0001, true", "a_b-C9, true", "'bad id', false", "'<script>', false", "'', false"})
    void productIdsAreShortAndPlain(String id, boolean valid) {
        if (valid) {
            assertEquals(id, ProductQuery.validProductId(id));
        } else {
            assertThrows(ApiException.class, () -> ProductQuery.validProductId(id));
        }
        assertThrows(ApiException.class, () -> ProductQuery.validProductId("x".repeat(65)));
    }

    @Test
    void matchesFiltersSearchAcrossNameDescriptionAndTags() {
        Product mug = SampleCatalog.products().stream().filter(p -> p.subcategory().equals("Mugs")).findFirst().orElseThrow();
        assertTrue(parse("q", "MUG kitchen").matches(mug));
        assertFalse(parse("q", "mug hoodie").matches(mug));
        assertTrue(parse("min_price", Long.toString(mug.price()), "max_price", Long.toString(mug.price())).matches(mug));
        assertFalse(parse("max_price", Long.toString(mug.price() - 1)).matches(mug));
        assertEquals(mug.inStock(), parse("in_stock", "true").matches(mug));
    }
}
