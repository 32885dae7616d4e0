package org.camelshop.payment;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Paying for orders through the real Stripe and PayPal SDKs against the payments sandbox, on the local stack. */
@ExtendWith(LocalStackExtension.class)
class PaymentsIT {

    private final RunningShop shop;
    private final LocalStack stack;

    PaymentsIT(RunningShop shop, LocalStack stack) {
        this.shop = shop;
        this.stack = stack;
    }

    private void awaitMail(JsonNode order, String subjectPart) {
        String number = order.get("order_number").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> Checkout.mails(shop, stack.ports().ses(), number).stream()
                .anyMatch(m -> m.get("subject").asText().contains(subjectPart)));
    }

    private long mailsWith(JsonNode order, String subjectPart) {
        return Checkout.mails(shop, stack.ports().ses(), order.get("order_number").asText()).stream()
                .filter(m -> m.get("subject").asText().contains(subjectPart)).count();
    }

    @Test
    void theConfigSaysSandbox() {
        JsonNode config = json(shop.get("/api/payment/config"));
        assertEquals("sandbox", config.get("mode").asText());
        assertEquals(Checkout.PUBLISHABLE_KEY, config.get("stripe").get("publishable_key").asText());
        assertTrue(config.get("paypal").get("enabled").asBoolean());
    }

    @Test
    void aCardPaymentConfirmsTheOrderEndToEnd() {
        Checkout checkout = new Checkout(shop);
        String mug = checkout.product(1500, 10, false);
        String ebook = checkout.product(900, 100, true);
        String orderId = checkout.orderAwaitingPayment("stripe", 2, mug, ebook);
        JsonNode intent = checkout.intent(orderId);
        assertEquals(checkout.order(orderId).get("total").asLong(), intent.get("amount").asLong());
        assertTrue(intent.get("client_secret").asText().startsWith(intent.get("payment_intent_id").asText()));

        assertEquals(200, checkout.browserConfirm(intent, "pm_card_visa").statusCode());
        HttpResponse<String> confirmed = checkout.confirm(orderId, intent);

        assertEquals(202, confirmed.statusCode(), confirmed.body());
        JsonNode order = checkout.awaitOrder(orderId, "confirmed");
        assertEquals("paid", order.get("payment_status").asText());
        assertEquals("stripe", order.get("payment_provider").asText());
        assertEquals(order.get("total").asLong(), order.get("amount_paid").asLong());
        assertEquals(intent.get("payment_intent_id").asText(), order.get("payment_id").asText());
        assertTrue(order.get("downloads_unlocked").asBoolean());
        assertEquals(ebook, order.get("digital_downloads").get(0).asText());
        assertEquals(2, Checkout.salesCount(shop, mug));
        assertEquals(1, Checkout.salesCount(shop, ebook));
        awaitMail(order, "is confirmed");
        assertEquals(1, mailsWith(order, "is confirmed"));
        assertFalse(order.has("payment_failure"));
    }

    @Test
    void aPayPalPaymentConfirmsTheOrderEndToEnd() {
        Checkout checkout = new Checkout(shop);
        String mug = checkout.product(2500, 10, false);
        String orderId = checkout.orderAwaitingPayment("paypal", 1, mug);
        JsonNode paypal = checkout.paypalOrder(orderId);
        assertEquals("CREATED", paypal.get("status").asText());
        assertEquals(409, checkout.capture(orderId, paypal).statusCode(), "not approved by the buyer yet");

        checkout.approve(paypal, null);
        HttpResponse<String> captured = checkout.capture(orderId, paypal);

        assertEquals(202, captured.statusCode(), captured.body());
        JsonNode order = checkout.awaitOrder(orderId, "confirmed");
        assertEquals("paid", order.get("payment_status").asText());
        assertEquals("paypal", order.get("payment_provider").asText());
        assertTrue(order.get("payment_id").asText().startsWith("CAP"));
        assertEquals(1, Checkout.salesCount(shop, mug));
        awaitMail(order, "is confirmed");
        assertEquals(1, mailsWith(order, "is confirmed"));
    }
}
