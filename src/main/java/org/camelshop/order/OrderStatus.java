package org.camelshop.order;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camelshop.platform.ApiException;

/**
 * The one state machine of an order (SPEC §5). {@code order_status}: pending → awaiting_payment → confirmed →
 * processing → shipped → delivered; pending/awaiting_payment/confirmed/processing → cancelled; confirmed and later →
 * refunded. An impossible change is a 409.
 */
public final class OrderStatus {

    public static final String PENDING = "pending";
    public static final String AWAITING_PAYMENT = "awaiting_payment";
    public static final String CONFIRMED = "confirmed";
    public static final String PROCESSING = "processing";
    public static final String SHIPPED = "shipped";
    public static final String DELIVERED = "delivered";
    public static final String CANCELLED = "cancelled";
    public static final String REFUNDED = "refunded";

    private static final Map<String, Set<String>> NEXT = Map.of(
            PENDING, Set.of(AWAITING_PAYMENT, CANCELLED),
            AWAITING_PAYMENT, Set.of(CONFIRMED, CANCELLED),
            CONFIRMED, Set.of(PROCESSING, CANCELLED, REFUNDED),
            PROCESSING, Set.of(SHIPPED, CANCELLED, REFUNDED),
            SHIPPED, Set.of(DELIVERED, REFUNDED),
            DELIVERED, Set.of(REFUNDED),
            CANCELLED, Set.of(),
            REFUNDED, Set.of());

    public static final List<String> ALL = List.of(PENDING, AWAITING_PAYMENT, CONFIRMED, PROCESSING, SHIPPED, DELIVERED, CANCELLED, REFUNDED);

    private OrderStatus() {
    }

    public static boolean canMove(String from, String to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    /** Throws a 409 naming both states unless {@code from → to} is allowed. */
    public static void requireMove(String from, String to) {
        if (!ALL.contains(to)) {
            throw ApiException.invalidField("order_status", "must be one of " + ALL);
        }
        if (!canMove(from, to)) {
            throw ApiException.conflict("invalid_status_change", "An order that is " + from + " cannot become " + to);
        }
    }

    /** States only a paid order can be in: the state machine never reaches them without a recorded payment. */
    public static boolean needsPayment(String status) {
        return Set.of(CONFIRMED, PROCESSING, SHIPPED, DELIVERED).contains(status);
    }

    /** Before shipping, stock was only reserved and goes back on cancel. */
    public static boolean goodsStillHere(String status) {
        return Set.of(PENDING, AWAITING_PAYMENT, CONFIRMED, PROCESSING).contains(status);
    }
}
