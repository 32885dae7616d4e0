package org.camelshop.review;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductQuery;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.order.PurchaseHistory;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.ApiException.FieldProblem;
import org.camelshop.platform.Page;
import org.camelshop.platform.Parameters;
import org.camelshop.platform.ResponseCache;
import org.camelshop.platform.SessionUser;

/** Submitting, listing, voting on and moderating reviews, keeping each product's rating and count in step. */
public final class Reviews {

    /** {@code POST /api/reviews} body. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Submission(String productId, Integer rating, String title, String reviewText) {
    }

    /** {@code PUT /api/reviews/{id}/status} body. */
    public record Moderation(String status) {
    }

    private final ReviewRepository reviews;
    private final ProductRepository products;
    private final PurchaseHistory purchases;
    private final ResponseCache cache;
    private final Clock clock;

    public Reviews(ReviewRepository reviews, ProductRepository products, PurchaseHistory purchases, ResponseCache cache, Clock clock) {
        this.reviews = reviews;
        this.products = products;
        this.purchases = purchases;
        this.cache = cache;
        this.clock = clock;
    }

    public Review submit(Submission input, SessionUser user) {
        List<FieldProblem> problems = new ArrayList<>();
        if (input.productId() == null || input.productId().isBlank()) {
            problems.add(new FieldProblem("product_id", "is required"));
        }
        if (input.rating() == null || input.rating() < 1 || input.rating() > 5) {
            problems.add(new FieldProblem("rating", "must be a whole number from 1 to 5"));
        }
        if (input.title() != null && input.title().length() > 120) {
            problems.add(new FieldProblem("title", "must be at most 120 characters"));
        }
        if (input.reviewText() == null || input.reviewText().isBlank() || input.reviewText().length() > 5000) {
            problems.add(new FieldProblem("review_text", "must be 1 to 5000 characters"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalidInput(problems);
        }
        Product product = products.find(ProductQuery.validProductId(input.productId()))
                .filter(p -> Product.ACTIVE.equals(p.status()))
                .orElseThrow(() -> ApiException.notFound("Product " + input.productId()));
        Review review = new Review(reviewId(user.userId(), product.productId()), product.productId(), user.userId(), user.name(),
                input.rating(), input.title() == null ? null : input.title().trim(), input.reviewText().trim(),
                purchases.hasPaidFor(user.userId(), product.productId()), 0, clock.instant().toString(), Review.PUBLISHED);
        if (!reviews.insert(review)) {
            throw ApiException.conflict("already_reviewed", "You have already reviewed this product");
        }
        products.adjustRating(product.productId(), review.rating(), 1);
        cache.invalidateProduct(product.productId());
        return review;
    }

    /** Published reviews of a product, newest first. */
    public Page<Review> list(String productId, Map<String, Object> parameters) {
        ProductQuery.validProductId(productId);
        int page = Parameters.wholeNumber(parameters.get("page"), "page", 1, 1, 10_000);
        int pageSize = Parameters.wholeNumber(parameters.get("page_size"), "page_size", 10, 1, 50);
        return Page.of(reviews.forProduct(productId).filter(r -> Review.PUBLISHED.equals(r.status())).toList(), page, pageSize);
    }

    /** Admin: every review of a product, hidden ones included, newest first, for moderation. */
    public List<Review> forModeration(String productId) {
        ProductQuery.validProductId(productId);
        return reviews.forProduct(productId).toList();
    }

    public Review voteHelpful(String reviewId, SessionUser user) {
        Review review = visible(reviewId);
        if (review.userId().equals(user.userId())) {
            throw ApiException.forbidden("You cannot vote for your own review");
        }
        if (!reviews.addHelpfulVote(review, user.userId())) {
            throw ApiException.conflict("already_voted", "You have already found this review helpful");
        }
        cache.invalidateProduct(review.productId());
        return reviews.find(reviewId).orElseThrow();
    }

    /** Admin: hide a review (its rating leaves the product's average) or publish it again. */
    public Review moderate(Moderation input, String reviewId) {
        if (!Review.PUBLISHED.equals(input.status()) && !Review.HIDDEN.equals(input.status())) {
            throw ApiException.invalidField("status", "must be published or hidden");
        }
        Review review = reviews.find(reviewId).orElseThrow(() -> ApiException.notFound("Review " + reviewId));
        String from = Review.PUBLISHED.equals(input.status()) ? Review.HIDDEN : Review.PUBLISHED;
        if (reviews.changeStatus(review, from, input.status())) {
            int direction = Review.PUBLISHED.equals(input.status()) ? 1 : -1;
            products.adjustRating(review.productId(), direction * review.rating(), direction);
            cache.invalidateProduct(review.productId());
        }
        return reviews.find(reviewId).orElseThrow();
    }

    private Review visible(String reviewId) {
        return reviews.find(reviewId).filter(r -> Review.PUBLISHED.equals(r.status()))
                .orElseThrow(() -> ApiException.notFound("Review " + reviewId));
    }

    /** One review per user and product: the id is derived from both, so a second submission collides. */
    static String reviewId(String userId, String productId) {
        return "rev-" + UUID.nameUUIDFromBytes((userId + "|" + productId).getBytes(StandardCharsets.UTF_8));
    }
}
