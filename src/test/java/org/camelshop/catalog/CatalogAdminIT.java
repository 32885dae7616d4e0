package org.camelshop.catalog;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Admin product CRUD with validation, SKU uniqueness, server-owned fields and cache invalidation; categories and shelves. */
@ExtendWith(LocalStackExtension.class)
class CatalogAdminIT {

    private final RunningShop shop;
    private final String admin;
    private final String sku = "T-" + UUID.randomUUID().toString().substring(0, 8);

    CatalogAdminIT(RunningShop shop) {
        this.shop = shop;
        this.admin = shop.loginAdmin();
    }

    private HttpResponse<String> create(String json, String token) {
        return shop.call("POST", "/api/products", json, token);
    }

    private String newProduct(String name, long price) {
        HttpResponse<String> created = create("{\"name\":\"" + name + "\",\"price\":" + price + ",\"category\":\"Merchandise\","
                + "\"subcategory\":\"Mugs\",\"sku\":\"" + sku + "\",\"stock_quantity\":7,\"tags\":[\"test\"]}", admin);
        assertEquals(201, created.statusCode(), created.body());
        return json(created).get("product_id").asText();
    }

    @Test
    void onlyAdminsWriteProducts() {
        String body = "{\"name\":\"Nope\",\"price\":100,\"category\":\"Books\",\"sku\":\"" + sku + "\"}";
        assertEquals(401, create(body, null).statusCode());
        assertEquals(401, create(body, "forged").statusCode());
        assertEquals(403, create(body, shop.newShopper("Sam")).statusCode());
        String shopper = shop.newShopper("Sue");
        assertEquals(403, shop.call("PUT", "/api/products/prod-0001", "{\"price\":1}", shopper).statusCode());
        assertEquals(403, shop.call("DELETE", "/api/products/prod-0001", null, shopper).statusCode());
        assertEquals(2299, json(shop.get("/api/products/prod-0001")).get("price").asLong(), "nothing changed");
    }

    @Test
    void serverOwnedFieldsAreIgnoredOnCreateAndUpdate() {
        HttpResponse<String> created = create("{\"name\":\"Honest Mug\",\"price\":1500,\"category\":\"merchandise\",\"sku\":\"" + sku + "\","
                + "\"product_id\":\"prod-hacked\",\"sales_count\":999999,\"rating\":5,\"review_count\":1000,\"cache_version\":77,"
                + "\"created_at\":\"1999-01-01T00:00:00Z\"}", admin);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode product = json(created);
        assertFalse(product.get("product_id").asText().equals("prod-hacked"));
        assertEquals("Merchandise", product.get("category").asText());
        assertEquals(0, product.get("sales_count").asLong());
        assertEquals(0.0, product.get("rating").asDouble());
        assertEquals(1, product.get("cache_version").asLong());
        String id = product.get("product_id").asText();

        HttpResponse<String> updated = shop.call("PUT", "/api/products/" + id, "{\"sales_count\":5,\"rating\":4.9,\"price\":1600}", admin);
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals(0, json(updated).get("sales_count").asLong());
        assertEquals(1600, json(updated).get("price").asLong());
        assertEquals(2, json(updated).get("cache_version").asLong());
    }

    @Test
    void skuIsUniqueAcrossProducts() {
        newProduct("First Mug", 1200);
        HttpResponse<String> second = create("{\"name\":\"Second Mug\",\"price\":1300,\"category\":\"Merchandise\",\"sku\":\"" + sku.toLowerCase() + "\"}", admin);
        assertEquals(409, second.statusCode());
        assertEquals("sku_taken", json(second).get("error").asText());
    }

    @Test
    void anUpdateIsVisibleAtOnceThroughTheCache() {
        String id = newProduct("Cached Mug", 1200);
        assertEquals("MISS", shop.get("/api/products/" + id).headers().firstValue("X-Cache").orElseThrow());
        assertEquals("HIT", shop.get("/api/products/" + id).headers().firstValue("X-Cache").orElseThrow());
        String list = "/api/products?category=Merchandise&subcategory=Mugs&q=cached&page_size=100";
        shop.get(list);
        assertEquals("HIT", shop.get(list).headers().firstValue("X-Cache").orElseThrow());

        assertEquals(200, shop.call("PUT", "/api/products/" + id, "{\"price\":999,\"name\":\"Cached Mug Deluxe\"}", admin).statusCode());

        HttpResponse<String> item = shop.get("/api/products/" + id);
        assertEquals("MISS", item.headers().firstValue("X-Cache").orElseThrow());
        assertEquals(999, json(item).get("price").asLong());
        HttpResponse<String> listed = shop.get(list);
        assertEquals("MISS", listed.headers().firstValue("X-Cache").orElseThrow());
        assertEquals("Cached Mug Deluxe", json(listed).get("items").get(0).get("name").asText());
    }

    @Test
    void deletedProductsLeaveTheShop() {
        String id = newProduct("Doomed Mug", 1200);
        assertEquals(200, shop.get("/api/products/" + id).statusCode());
        assertEquals(204, shop.call("DELETE", "/api/products/" + id, null, admin).statusCode());
        assertEquals(404, shop.get("/api/products/" + id).statusCode());
        assertEquals(0, json(shop.get("/api/products?q=doomed")).get("total").asInt());
        assertEquals(404, shop.call("DELETE", "/api/products/" + id, null, admin).statusCode());
        assertEquals(404, shop.call("PUT", "/api/products/prod-9999", "{\"price\":1}", admin).statusCode());
    }

    @Test
    void invalidProductsAreRefusedNamingEveryField() {
        HttpResponse<String> response = create("{\"name\":\"\",\"price\":-1,\"category\":\"Food\",\"sku\":\"has space\","
                + "\"stock_quantity\":-3,\"image_url\":\"javascript:alert(1)\",\"status\":\"sold\"}", admin);
        assertEquals(400, response.statusCode());
        String details = json(response).get("details").toString();
        for (String field : new String[] {"name", "price", "category", "sku", "stock_quantity", "image_url", "status"}) {
            assertTrue(details.contains("\"" + field + "\""), field + " in " + details);
        }
    }

    @Test
    void categoriesListTheSeedsSixWithCounts() {
        JsonNode categories = json(shop.get("/api/categories"));
        assertEquals(6, categories.size());
        assertEquals("Books", categories.get(0).get("name").asText());
        JsonNode books = categories.get(0);
        long subTotal = StreamSupport.stream(books.get("subcategories").spliterator(), false).mapToLong(s -> s.get("count").asLong()).sum();
        assertEquals(books.get("count").asLong(), subTotal);
        assertTrue(books.get("count").asLong() >= 180);
        assertEquals("public, max-age=3600", shop.get("/api/categories").headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void featuredAndBestsellerShelves() {
        JsonNode featured = json(shop.get("/api/featured?limit=5")).get("items");
        assertEquals(5, featured.size());
        featured.forEach(p -> assertTrue(p.get("featured").asBoolean()));
        JsonNode best = json(shop.get("/api/bestsellers")).get("items");
        assertEquals(12, best.size());
        for (int i = 1; i < best.size(); i++) {
            assertTrue(best.get(i - 1).get("sales_count").asLong() >= best.get(i).get("sales_count").asLong());
        }
        assertEquals(400, shop.get("/api/bestsellers?limit=500").statusCode());
        assertEquals(400, shop.get("/api/featured?limit=x").statusCode());
    }
}
