package org.camelshop.order;

import static org.camelshop.order.OrderStatus.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.camelshop.platform.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "pending, awaiting_payment, true", "awaiting_payment, confirmed, true", "confirmed, processing, true",
            "processing, shipped, true", "shipped, delivered, true",
            "pending, cancelled, true", "awaiting_payment, cancelled, true", "confirmed, cancelled, true", "processing, cancelled, true",
            "confirmed, refunded, true", "shipped, refunded, true", "delivered, refunded, true",
            "pending, confirmed, false", "shipped, cancelled, false", "delivered, cancelled, false", "cancelled, pending, false",
            "refunded, confirmed, false", "pending, refunded, false", "awaiting_payment, refunded, false", "delivered, shipped, false"})
    void followsTheSpecStateMachine(String from, String to, boolean allowed) {
        assertEquals(allowed, OrderStatus.canMove(from, to));
        if (allowed) {
            OrderStatus.requireMove(from, to);
        } else {
            assertEquals(409, assertThrows(ApiException.class, () -> OrderStatus.requireMove(from, to)).status());
        }
    }

    @ParameterizedTest
    @CsvSource({"pending, true", "awaiting_payment, true", "confirmed, true", "processing, true",
            "shipped, false", "delivered, false", "cancelled, false", "refunded, false"})
    void stockIsReturnedOnlyBeforeShipping(String status, boolean returned) {
        assertEquals(returned, OrderStatus.goodsStillHere(status));
    }

    @org.junit.jupiter.api.Test
    void anUnknownStatusIsBadInput() {
        assertEquals(400, assertThrows(ApiException.class, () -> OrderStatus.requireMove(PENDING, "lost")).status());
    }
}
