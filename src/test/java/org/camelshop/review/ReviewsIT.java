package org.camelshop.review;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reviews: submit, list, helpful votes once per user, moderation, and the product's rating kept in step. */
@ExtendWith(LocalStackExtension.class)
class ReviewsIT {

    private final RunningShop shop;
    private final String admin;
    private final String productId;

    ReviewsIT(RunningShop shop) {
        this.shop = shop;
        this.admin = shop.loginAdmin();
        // a product of its own, so ratings start from zero
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Review Target\",\"price\":1000,"
                + "\"category\":\"Books\",\"sku\":\"RV-" + UUID.randomUUID().toString().substring(0, 8) + "\"}", admin);
        this.productId = json(created).get("product_id").asText();
    }

    private HttpResponse<String> review(String token, int rating, String text) {
        return shop.call("POST", "/api/reviews", "{\"product_id\":\"" + productId + "\",\"rating\":" + rating
                + ",\"title\":\"My view\",\"review_text\":" + RunningShop.jsonString(text) + "}", token);
    }

    @Test
    void submittedReviewsAreListedNewestFirstAndMoveTheRating() {
        String ann = shop.newShopper("Ann");
        String bob = shop.newShopper("Bob");
        assertEquals(201, review(ann, 5, "Wonderful").statusCode());
        HttpResponse<String> second = review(bob, 2, "Not for me");
        assertEquals(201, second.statusCode(), second.body());
        assertFalse(json(second).get("verified_purchase").asBoolean(), "no paid order for this product");

        JsonNode page = json(shop.get("/api/reviews/" + productId));
        assertEquals(2, page.get("total").asInt());
        assertEquals("Not for me", page.get("items").get(0).get("review_text").asText());
        assertEquals("Bob", page.get("items").get(0).get("user_name").asText());
        JsonNode product = json(shop.get("/api/products/" + productId));
        assertEquals(2, product.get("review_count").asInt());
        assertEquals(3.5, product.get("rating").asDouble());

        JsonNode onePerPage = json(shop.get("/api/reviews/" + productId + "?page=2&page_size=1"));
        assertEquals("Wonderful", onePerPage.get("items").get(0).get("review_text").asText());
    }

    @Test
    void htmlInAReviewIsStoredAndReturnedAsText() {
        String text = "<script>alert('x')</script><b>bold</b> & \"quoted\"";
        HttpResponse<String> created = review(shop.newShopper("Mallory"), 4, text);
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> listed = shop.get("/api/reviews/" + productId);
        assertTrue(listed.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals(text, json(listed).get("items").get(0).get("review_text").asText());
    }

    @Test
    void oneReviewPerUserAndProduct() {
        String ann = shop.newShopper("Ann");
        assertEquals(201, review(ann, 5, "First").statusCode());
        HttpResponse<String> again = review(ann, 1, "Changed my mind");
        assertEquals(409, again.statusCode());
        assertEquals("already_reviewed", json(again).get("error").asText());
        assertEquals(1, json(shop.get("/api/products/" + productId)).get("review_count").asInt());
    }

    @Test
    void helpfulVotesCountOncePerUserAndNeverForOneself() {
        String author = shop.newShopper("Author");
        String reviewId = json(review(author, 4, "Useful notes")).get("review_id").asText();
        String reader = shop.newShopper("Reader");
        HttpResponse<String> vote = shop.call("POST", "/api/reviews/" + reviewId + "/helpful", null, reader);
        assertEquals(200, vote.statusCode(), vote.body());
        assertEquals(1, json(vote).get("helpful_count").asInt());
        assertEquals(409, shop.call("POST", "/api/reviews/" + reviewId + "/helpful", null, reader).statusCode());
        assertEquals(403, shop.call("POST", "/api/reviews/" + reviewId + "/helpful", null, author).statusCode());
        assertEquals(401, shop.call("POST", "/api/reviews/" + reviewId + "/helpful", null, null).statusCode());
        assertEquals(404, shop.call("POST", "/api/reviews/rev-unknown/helpful", null, reader).statusCode());
        assertEquals(1, json(shop.get("/api/reviews/" + productId)).get("items").get(0).get("helpful_count").asInt());
    }

    @Test
    void adminCanHideAReviewAndItLeavesTheAverage() {
        String reviewId = json(review(shop.newShopper("Ann"), 1, "Spam spam")).get("review_id").asText();
        assertEquals(201, review(shop.newShopper("Bob"), 5, "Great").statusCode());
        assertEquals(3.0, json(shop.get("/api/products/" + productId)).get("rating").asDouble());

        assertEquals(403, shop.call("PUT", "/api/reviews/" + reviewId + "/status", "{\"status\":\"hidden\"}", shop.newShopper("Eve")).statusCode());
        HttpResponse<String> hidden = shop.call("PUT", "/api/reviews/" + reviewId + "/status", "{\"status\":\"hidden\"}", admin);
        assertEquals(200, hidden.statusCode(), hidden.body());

        assertEquals(1, json(shop.get("/api/reviews/" + productId)).get("total").asInt());
        JsonNode product = json(shop.get("/api/products/" + productId));
        assertEquals(5.0, product.get("rating").asDouble());
        assertEquals(1, product.get("review_count").asInt());
        assertEquals(200, shop.call("PUT", "/api/reviews/" + reviewId + "/status", "{\"status\":\"hidden\"}", admin).statusCode(),
                "hiding twice changes nothing");
        assertEquals(1, json(shop.get("/api/products/" + productId)).get("review_count").asInt());
    }

    @Test
    void reviewsNeedALoginAValidRatingAndAnExistingProduct() {
        assertEquals(401, review(null, 5, "anonymous").statusCode());
        String user = shop.newShopper("Val");
        assertEquals(400, review(user, 6, "too good").statusCode());
        assertEquals(400, review(user, 0, "too bad").statusCode());
        assertEquals(400, review(user, 3, "").statusCode());
        assertEquals(404, shop.call("POST", "/api/reviews", "{\"product_id\":\"prod-9999\",\"rating\":3,\"review_text\":\"x\"}", user).statusCode());
        assertEquals(0, json(shop.get("/api/products/" + productId)).get("review_count").asInt(), "nothing written");
    }
}
