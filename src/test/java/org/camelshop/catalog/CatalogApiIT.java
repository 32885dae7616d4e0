package org.camelshop.catalog;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /api/products and /api/products/{id} over HTTP, against DynamoDB (dynalite) holding the sample catalog. */
@ExtendWith(LocalStackExtension.class)
class CatalogApiIT {

    private final RunningShop shop;
    private final List<Product> catalog = SampleCatalog.products();

    CatalogApiIT(RunningShop shop) {
        this.shop = shop;
    }

    private JsonNode ok(String path) {
        HttpResponse<String> response = shop.get(path);
        assertEquals(200, response.statusCode(), path + " -> " + response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return json(response);
    }

    private static List<JsonNode> items(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }

    @Test
    void listsTheFirstPageNewestFirstWithTheTotal() {
        JsonNode page = ok("/api/products");
        assertEquals(1, page.get("page").asInt());
        assertEquals(24, page.get("page_size").asInt());
        assertEquals(catalog.size(), page.get("total").asInt());
        List<JsonNode> items = items(page);
        assertEquals(24, items.size());
        for (int i = 1; i < items.size(); i++) {
            assertTrue(items.get(i - 1).get("created_at").asText().compareTo(items.get(i).get("created_at").asText()) >= 0);
        }
        assertFalse(items.get(0).has("download_url"), "download links are never public");
    }

    @Test
    void pagesDoNotOverlapAndCoverTheCatalog() {
        Set<String> seen = new java.util.HashSet<>();
        int pages = (catalog.size() + 99) / 100;
        for (int page = 1; page <= pages; page++) {
            items(ok("/api/products?page_size=100&page=" + page)).forEach(item -> assertTrue(seen.add(item.get("product_id").asText())));
        }
        assertEquals(catalog.size(), seen.size());
        assertEquals(0, items(ok("/api/products?page_size=100&page=" + (pages + 1))).size());
    }

    @Test
    void filtersByCategorySubcategoryAndPriceAndSortsByPrice() {
        JsonNode page = ok("/api/products?category=Apparel&subcategory=Hats&min_price=2000&max_price=3000&sort=price_asc&page_size=100");
        long expected = catalog.stream().filter(p -> p.subcategory().equals("Hats") && p.price() >= 2000 && p.price() <= 3000).count();
        assertEquals(expected, page.get("total").asLong());
        assertTrue(expected > 0);
        long previous = 0;
        for (JsonNode item : items(page)) {
            assertEquals("Hats", item.get("subcategory").asText());
            long price = item.get("price").asLong();
            assertTrue(price >= previous && price >= 2000 && price <= 3000);
            previous = price;
        }
    }

    @Test
    void featuredInStockAndSearchFilters() {
        long featured = catalog.stream().filter(Product::featured).count();
        assertEquals(featured, ok("/api/products?featured=true").get("total").asLong());
        long soldOut = catalog.stream().filter(p -> !p.inStock()).count();
        assertEquals(soldOut, ok("/api/products?in_stock=false").get("total").asLong());
        String term = "armor of god";
        long matches = catalog.stream().filter(p -> p.name().toLowerCase().contains("armor")).count();
        JsonNode found = ok("/api/products?page_size=100&q=" + URLEncoder.encode(term, StandardCharsets.UTF_8));
        assertEquals(matches, found.get("total").asLong());
        items(found).forEach(item -> assertTrue(item.get("name").asText().toLowerCase().contains("armor of god")));
    }

    @Test
    void bestsellingAndRatingSortsAreDescending() {
        List<Long> sales = new ArrayList<>();
        items(ok("/api/products?sort=bestselling&page_size=50")).forEach(i -> sales.add(i.get("sales_count").asLong()));
        assertEquals(sales.stream().sorted((a, b) -> Long.compare(b, a)).toList(), sales);
        assertEquals(catalog.stream().mapToLong(Product::salesCount).max().orElseThrow(), sales.get(0));
        // sample products have no reviews (rating 0); products other tests reviewed come first
        List<Double> ratings = new ArrayList<>();
        items(ok("/api/products?sort=rating&page_size=50")).forEach(i -> ratings.add(i.get("rating").asDouble()));
        assertEquals(ratings.stream().sorted((a, b) -> Double.compare(b, a)).toList(), ratings);
    }

    @Test
    void getsOneProductWithSeedFieldNames() {
        Product expected = catalog.get(42);
        JsonNode product = ok("/api/products/" + expected.productId());
        assertEquals(expected.name(), product.get("name").asText());
        assertEquals(expected.price(), product.get("price").asLong());
        assertEquals(expected.stockQuantity(), product.get("stock_quantity").asInt());
        assertEquals(expected.category(), product.get("category").asText());
        assertTrue(product.has("digital_download") && product.has("sales_count") && product.has("cache_version"));
    }

    @Test
    void unknownProductIsA404WithTheErrorBody() {
        HttpResponse<String> response = shop.get("/api/products/prod-9999");
        assertEquals(404, response.statusCode());
        JsonNode error = json(response);
        assertEquals("not_found", error.get("error").asText());
        assertTrue(error.get("message").asText().contains("prod-9999"));
        assertTrue(error.get("details").isArray());
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "page_size=101 | page_size", "page_size=0 | page_size", "page=-1 | page", "page=abc | page",
            "sort=cheapest | sort", "category=Food | category", "min_price=-5 | min_price", "min_price=1.50 | min_price",
            "max_price=1&min_price=2 | max_price", "featured=maybe | featured", "in_stock=2 | in_stock",
            "category=Books&subcategory=Mugs | subcategory", "page=1&page=2 | page",
            "page_size=99999999999999999999 | page_size"})
    void badQueryParametersAre400NamingTheField(String query, String field) {
        HttpResponse<String> response = shop.get("/api/products?" + query);
        assertEquals(400, response.statusCode(), query + " -> " + response.body());
        JsonNode error = json(response);
        assertEquals("invalid_input", error.get("error").asText());
        assertEquals(field, error.get("details").get(0).get("field").asText(), error.toString());
        assertFalse(response.body().contains("Exception"), "no internals in the body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad%20id", "%3Cscript%3E", "a.b"})
    void malformedIdIs400(String id) {
        HttpResponse<String> response = shop.get("/api/products/" + id);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("invalid_input", json(response).get("error").asText());
    }

    @Test
    void servesTheOpenApiDocumentAndThePages() {
        JsonNode openApi = ok("/api/openapi.json");
        assertTrue(openApi.get("paths").has("/api/products/{id}"));
        HttpResponse<String> page = shop.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/api/products") || page.body().contains("shop.html"));
    }

    /**
     * GET /images/art/{id}/{view}: an SVG with the product's name, different for two books, cached with the product's
     * ETag (304 when unchanged); an unknown product is the API's JSON 404, an unknown view a 400.
     */
    @Test
    void drawsArtworkPerProductCachedLikeTheProduct() {
        List<Product> books = catalog.stream().filter(p -> p.category().equals("Books")).limit(2).toList();
        HttpResponse<String> first = shop.get("/images/art/" + books.get(0).productId() + "/1");
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.headers().firstValue("content-type").orElse("").startsWith("image/svg+xml"));
        assertTrue(first.body().contains("<title>" + ProductArt.esc(books.get(0).name()) + "</title>"), "the cover carries the title");
        assertTrue(first.headers().firstValue("cache-control").orElse("").contains("max-age"));
        String etag = first.headers().firstValue("etag").orElseThrow();
        assertEquals(304, shop.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(shop.baseUrl() + "/images/art/"
                + books.get(0).productId() + "/1")).header("If-None-Match", etag)).statusCode());
        HttpResponse<String> second = shop.get("/images/art/" + books.get(1).productId() + "/1");
        assertEquals(200, second.statusCode());
        assertFalse(first.body().equals(second.body()), "two books of one category get different covers");
        assertFalse(first.body().equals(shop.get("/images/art/" + books.get(0).productId() + "/2").body()), "a second view");

        assertEquals(404, shop.get("/images/art/prod-9999/1").statusCode());
        HttpResponse<String> badView = shop.get("/images/art/" + books.get(0).productId() + "/7");
        assertEquals(400, badView.statusCode());
        assertEquals("invalid_input", json(badView).get("error").asText());
    }
}
