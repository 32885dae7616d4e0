package org.camelshop.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A product review with the seed's attributes. Text is kept exactly as written and shown as text, never as HTML. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Review(
        String reviewId,
        String productId,
        String userId,
        String userName,
        int rating,
        String title,
        String reviewText,
        boolean verifiedPurchase,
        long helpfulCount,
        String createdAt,
        String status) {

    public static final String PUBLISHED = "published";
    public static final String HIDDEN = "hidden";
}
