package org.camelshop.cart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A cart as stored: its owner ({@code user_id}: a user id, or {@code guest-<session id>}), lines, and a version that
 * makes every write conditional, so two concurrent changes never lose one another. {@code expires_at} is epoch
 * seconds (DynamoDB TTL). {@code checked_out_as} names the order that consumed the cart, until it changes again.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cart(String userId, List<Line> items, String createdAt, String updatedAt, long expiresAt, long version, String checkedOutAs) {

    /** One product (and its variant, when it has options) and how many. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String productId, int quantity, String addedAt, String variantId) {

        boolean isOf(String product, String variant) {
            return productId.equals(product) && Objects.equals(variantId, variant);
        }
    }

    public static Cart empty(String owner, String now) {
        return new Cart(owner, List.of(), now, now, 0, 0, null);
    }

    /** How many of the product the cart holds, all variants together. */
    public int quantityOf(String productId) {
        return items.stream().filter(line -> line.productId().equals(productId)).mapToInt(Line::quantity).sum();
    }

    /** How many of this product's variant ({@code null}: a product without options) the cart holds. */
    public int quantityOf(String productId, String variantId) {
        return items.stream().filter(line -> line.isOf(productId, variantId)).mapToInt(Line::quantity).sum();
    }

    /** This cart with the quantity of a product's variant set (0 removes the line); a new line goes last. */
    public Cart withQuantity(String productId, String variantId, int quantity, String now) {
        List<Line> lines = new ArrayList<>();
        boolean present = false;
        for (Line line : items) {
            if (line.isOf(productId, variantId)) {
                present = true;
                if (quantity > 0) {
                    lines.add(new Line(productId, quantity, line.addedAt(), variantId));
                }
            } else {
                lines.add(line);
            }
        }
        if (!present && quantity > 0) {
            lines.add(new Line(productId, quantity, now, variantId));
        }
        return new Cart(userId, List.copyOf(lines), createdAt, now, expiresAt, version, null);
    }

    public Cart cleared(String now) {
        return new Cart(userId, List.of(), createdAt, now, expiresAt, version, null);
    }

    /** This cart emptied by the order it became. */
    public Cart checkedOut(String orderId, String now) {
        return new Cart(userId, List.of(), createdAt, now, expiresAt, version, orderId);
    }

    /** This cart (as stored now, at its version) holding {@code lines} again. */
    public Cart holding(List<Line> lines, String now) {
        return new Cart(userId, lines, createdAt, now, expiresAt, version, null);
    }
}
