package org.camelshop.cart;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A cart as stored: its owner ({@code user_id}: a user id, or {@code guest-<session id>}), lines, and a version that
 * makes every write conditional, so two concurrent changes never lose one another. {@code expires_at} is epoch
 * seconds (DynamoDB TTL).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Cart(String userId, List<Line> items, String createdAt, String updatedAt, long expiresAt, long version) {

    /** One product and how many. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Line(String productId, int quantity, String addedAt) {
    }

    public static Cart empty(String owner, String now) {
        return new Cart(owner, List.of(), now, now, 0, 0);
    }

    public int quantityOf(String productId) {
        return items.stream().filter(line -> line.productId().equals(productId)).mapToInt(Line::quantity).sum();
    }

    /** This cart with the product's quantity set (0 removes the line); a new line goes last. */
    public Cart withQuantity(String productId, int quantity, String now) {
        List<Line> lines = new ArrayList<>();
        boolean present = false;
        for (Line line : items) {
            if (line.productId().equals(productId)) {
                present = true;
                if (quantity > 0) {
                    lines.add(new Line(productId, quantity, line.addedAt()));
                }
            } else {
                lines.add(line);
            }
        }
        if (!present && quantity > 0) {
            lines.add(new Line(productId, quantity, now));
        }
        return new Cart(userId, List.copyOf(lines), createdAt, now, expiresAt, version);
    }

    public Cart cleared(String now) {
        return new Cart(userId, List.of(), createdAt, now, expiresAt, version);
    }
}
