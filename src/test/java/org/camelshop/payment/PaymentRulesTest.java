package org.camelshop.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.camelshop.order.Order;
import org.camelshop.payment.PaymentCheck.Outcome;
import org.camelshop.payment.sandbox.FormBody;
import org.camelshop.platform.ApiException;
import org.camelshop.pricing.Quote.PricedLine;
import org.junit.jupiter.api.Test;

/** The money rules of the payment flow, without any provider: what confirms an order, what may be refunded. */
class PaymentRulesTest {

    private static Order order(long total, String currency) {
        return new Order("o-1", "u-1", "CS-1", "a@example.com", List.of(new PricedLine("p-1", "Mug", total, 1, total, false)), total, 0, 0, 0,
                total, currency, null, "stripe", null, "pending", null, null, "awaiting_payment", null, null, null, null, "2026-01-01T00:00:00Z",
                null, null, null, List.of(), null, Map.of(), null, 1);
    }

    private static PaymentCheck paid(String orderId, long amount, String currency) {
        return new PaymentCheck("stripe", "pi_1", orderId, Outcome.SUCCEEDED, amount, currency, "pi_1", null, null);
    }

    @Test
    void exactlyTheTotalInTheOrdersCurrencyConfirms() {
        assertNull(PaymentProcessor.mismatch(order(5313, "usd"), paid("o-1", 5313, "usd")));
        assertNull(PaymentProcessor.mismatch(order(5313, "usd"), paid("o-1", 5313, "USD")), "currency codes compare without case");
    }

    @Test
    void anyOtherAmountCurrencyOrOrderNeverConfirms() {
        assertTrue(PaymentProcessor.mismatch(order(5313, "usd"), paid("o-1", 5312, "usd")).startsWith("amount_mismatch"));
        assertTrue(PaymentProcessor.mismatch(order(5313, "usd"), paid("o-1", 5314, "usd")).startsWith("amount_mismatch"));
        assertTrue(PaymentProcessor.mismatch(order(5313, "usd"), paid("o-1", 5313, "eur")).startsWith("amount_mismatch"));
        assertTrue(PaymentProcessor.mismatch(order(5313, "usd"), paid("o-2", 5313, "usd")).contains("belongs to order o-2"));
        assertTrue(PaymentProcessor.mismatch(order(5313, "usd"), paid(null, 5313, "usd")).contains("belongs to order null"));
    }

    @Test
    void aRefundDefaultsToWhatIsLeft() {
        assertEquals(5313, Refunds.amount(null, 5313, 0));
        assertEquals(4313, Refunds.amount(null, 5313, 1000));
    }

    @Test
    void partialRefundsAddUpToThePaymentAndNoFurther() {
        long refunded = 0;
        refunded += Refunds.amount(1000L, 5313, refunded);
        refunded += Refunds.amount(4000L, 5313, refunded);
        assertEquals(5000, refunded);
        long before = refunded;
        ApiException tooMuch = assertThrows(ApiException.class, () -> Refunds.amount(314L, 5313, before));
        assertEquals(409, tooMuch.status());
        assertEquals(313, Refunds.amount(313L, 5313, before));
        assertEquals(409, assertThrows(ApiException.class, () -> Refunds.amount(null, 5313, 5313)).status(), "nothing left");
    }

    @Test
    void aRefundOfNothingOrLessIsABadRequest() {
        assertEquals(400, assertThrows(ApiException.class, () -> Refunds.amount(0L, 5313, 0)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> Refunds.amount(-5L, 5313, 0)).status());
    }

    @Test
    void payPalAmountsAreDecimalStringsOfCents() {
        assertEquals("53.13", PayPalGateway.value(5313));
        assertEquals("0.05", PayPalGateway.value(5));
        assertEquals(5313, PayPalGateway.cents("53.13"));
        assertEquals(5300, PayPalGateway.cents("53"));
        assertEquals("USD", PayPalGateway.currency("usd"));
    }

    @Test
    void aProvidersRefusalDoesNotCountAgainstItsBreaker() {
        assertTrue(PaymentBreakers.isAnswer(new PaymentRefused(402, "payment_declined", "declined")));
        assertTrue(PaymentBreakers.isAnswer(new RuntimeException("wrapped", new PaymentRefused(409, "x", "y"))));
        assertFalse(PaymentBreakers.isAnswer(new ProviderUnavailable("stripe", "500", null)));
        assertFalse(PaymentBreakers.isAnswer(new ApiException(503, "down", "down", List.of())));
    }

    @Test
    void stripesFormEncodingIsReadWithItsNestedKeys() {
        Map<String, String> form = FormBody.parse("amount=5313&currency=usd&metadata%5Border_id%5D=o-1&metadata[order_number]=CS%2D1&empty=");
        assertEquals("5313", form.get("amount"));
        assertEquals(Map.of("order_id", "o-1", "order_number", "CS-1"), FormBody.nested(form, "metadata"));
        assertEquals("", form.get("empty"));
    }
}
