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
        // the confirmation mail is queued after the sales are counted; the order shows confirmed just before both
        awaitMail(order, "is confirmed");
        assertEquals(2, Checkout.salesCount(shop, mug));
        assertEquals(1, Checkout.salesCount(shop, ebook));
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
        awaitMail(order, "is confirmed");
        assertEquals(1, Checkout.salesCount(shop, mug));
        assertEquals(1, mailsWith(order, "is confirmed"));
    }

    @Test
    void aDeclinedCardLeavesTheOrderPayableWithAClearError() {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, checkout.product(1800, 5, false));
        JsonNode intent = checkout.intent(orderId);

        assertEquals(402, checkout.browserConfirm(intent, "pm_card_chargeDeclined").statusCode());
        HttpResponse<String> declined = checkout.confirm(orderId, intent);

        assertEquals(402, declined.statusCode(), declined.body());
        assertEquals("payment_declined", json(declined).get("error").asText());
        assertTrue(json(declined).get("message").asText().contains("declined"));
        JsonNode order = checkout.order(orderId);
        assertEquals("failed", order.get("payment_status").asText());
        assertEquals("awaiting_payment", order.get("order_status").asText(), "still payable");

        assertEquals(200, checkout.browserConfirm(intent, "pm_card_visa").statusCode(), "another card on the same intent");
        assertEquals(202, checkout.confirm(orderId, intent).statusCode());
        assertEquals("paid", checkout.awaitOrder(orderId, "confirmed").get("payment_status").asText());
    }

    @Test
    void aCardNeeding3DSecureIsConfirmedOnceAuthenticated() {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, checkout.product(2200, 5, false));
        JsonNode intent = checkout.intent(orderId);
        JsonNode pending = json(checkout.browserConfirm(intent, "pm_card_authenticationRequired"));
        assertEquals("requires_action", pending.get("status").asText());

        HttpResponse<String> early = checkout.confirm(orderId, intent);
        assertEquals(409, early.statusCode(), early.body());
        assertEquals("payment_action_required", json(early).get("error").asText());

        HttpResponse<String> authenticated = shop.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(pending.get("next_action").get("redirect_to_url").get("url").asText())).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, authenticated.statusCode(), authenticated.body());
        assertEquals(202, checkout.confirm(orderId, intent).statusCode());
        checkout.awaitOrder(orderId, "confirmed");
    }

    @Test
    void aPaymentOfAnotherAmountNeverConfirmsTheOrder() {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, checkout.product(3000, 5, false));
        // a PaymentIntent for less than the order, made outside the shop but naming the order
        HttpResponse<String> created = shop.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(shop.baseUrl() + "/sandbox/stripe/v1/payment_intents"))
                .header("Authorization", "Bearer sk_test_camelshop_sandbox").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("amount=100&currency=usd&metadata[order_id]=" + orderId)));
        assertEquals(200, created.statusCode(), created.body());
        JsonNode cheap = json(created);
        com.fasterxml.jackson.databind.node.ObjectNode intent = json(created).deepCopy();
        intent.put("payment_intent_id", cheap.get("id").asText());
        assertEquals(200, checkout.browserConfirm(intent, "pm_card_visa").statusCode());

        assertEquals(202, checkout.confirm(orderId, intent).statusCode(), "the provider says succeeded");

        JsonNode order = await().atMost(Duration.ofSeconds(60)).until(() -> checkout.order(orderId), o -> o.has("payment_failure"));
        assertTrue(order.get("payment_failure").asText().startsWith("amount_mismatch"), order.get("payment_failure").asText());
        assertEquals("awaiting_payment", order.get("order_status").asText());
        assertEquals("pending", order.get("payment_status").asText());
    }

    @Test
    void forgedAndExpiredStripeWebhooksAreRefusedWithoutEffect() {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, checkout.product(1200, 5, false));
        JsonNode intent = checkout.intent(orderId);
        String pi = intent.get("payment_intent_id").asText();
        long now = java.time.Instant.now().getEpochSecond();

        HttpResponse<String> forged = checkout.stripeWebhook("evt_forged1", "payment_intent.succeeded", pi, orderId, now, "whsec_not_the_secret");
        HttpResponse<String> expired = checkout.stripeWebhook("evt_expired1", "payment_intent.succeeded", pi, orderId, now - 301, Checkout.WEBHOOK_SECRET);
        HttpResponse<String> unsigned = shop.call("POST", "/api/payment/webhook/stripe", "{\"id\":\"evt_x\"}", null);

        assertEquals(400, forged.statusCode(), forged.body());
        assertEquals("invalid_webhook", json(forged).get("error").asText());
        assertEquals(400, expired.statusCode(), expired.body());
        assertEquals(400, unsigned.statusCode(), unsigned.body());
        assertEquals("awaiting_payment", checkout.order(orderId).get("order_status").asText());
    }

    @Test
    void aWebhookDeliveredFiveTimesBeforeTheBrowserConfirmConfirmsOnce() {
        Checkout checkout = new Checkout(shop);
        String mug = checkout.product(1400, 5, false);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, mug);
        JsonNode intent = checkout.intent(orderId);
        assertEquals(200, checkout.browserConfirm(intent, "pm_card_visa").statusCode());
        String event = "evt_dup_" + java.util.UUID.randomUUID().toString().replace("-", "");
        long now = java.time.Instant.now().getEpochSecond();

        int duplicates = 0;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> delivered = checkout.stripeWebhook(event, "payment_intent.succeeded", intent.get("payment_intent_id").asText(), orderId, now,
                    Checkout.WEBHOOK_SECRET);
            assertEquals(200, delivered.statusCode(), delivered.body());
            duplicates += json(delivered).path("duplicate").asBoolean() ? 1 : 0;
        }
        JsonNode order = checkout.awaitOrder(orderId, "confirmed");
        assertEquals(202, checkout.confirm(orderId, intent).statusCode(), "the browser's confirm arrives last");

        assertEquals(4, duplicates);
        awaitMail(order, "is confirmed");
        assertEquals(1, mailsWith(order, "is confirmed"));
        assertEquals(1, Checkout.salesCount(shop, mug));
        assertEquals(order.get("version").asLong(), checkout.order(orderId).get("version").asLong(), "no later change");
    }

    @Test
    void aWebhookAfterTheBrowserConfirmChangesNothing() {
        Checkout checkout = new Checkout(shop);
        String mug = checkout.product(1600, 5, false);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, mug);
        Checkout.Paid paid = checkout.payByCard(orderId);
        JsonNode intent = paid.intent();
        JsonNode order = paid.order();

        HttpResponse<String> late = checkout.stripeWebhook("evt_late_" + java.util.UUID.randomUUID().toString().replace("-", ""), "payment_intent.succeeded",
                intent.get("payment_intent_id").asText(), orderId, java.time.Instant.now().getEpochSecond(), Checkout.WEBHOOK_SECRET);

        assertEquals(200, late.statusCode(), late.body());
        awaitMail(order, "is confirmed");
        assertEquals(1, mailsWith(order, "is confirmed"));
        assertEquals(1, Checkout.salesCount(shop, mug));
    }

    @Test
    void payPalWebhooksAreCheckedByItsVerificationApi() {
        Checkout checkout = new Checkout(shop);
        org.camelshop.payment.sandbox.PayPalSandbox paypal = shop.camelContext().getRegistry()
                .lookupByNameAndType("paypalSandbox", org.camelshop.payment.sandbox.PayPalSandbox.class);
        String event = "{\"id\":\"WH-TEST-" + java.util.UUID.randomUUID() + "\",\"event_type\":\"CHECKOUT.ORDER.APPROVED\",\"resource\":{\"id\":\"X\"}}";
        java.util.Map<String, String> genuine = paypal.signedHeaders("t-1", java.time.Instant.now(), event);

        HttpResponse<String> accepted = paypalWebhook(event, genuine);
        java.util.Map<String, String> forged = new java.util.HashMap<>(genuine);
        String signature = genuine.get("PAYPAL-TRANSMISSION-SIG");
        // a different first character, whatever the genuine one is (a fixed "00" prefix matched it 1 time in 256)
        forged.put("PAYPAL-TRANSMISSION-SIG", (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1));
        HttpResponse<String> refused = paypalWebhook(event, forged);
        HttpResponse<String> old = paypalWebhook(event, paypal.signedHeaders("t-2", java.time.Instant.now().minusSeconds(600), event));

        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(400, old.statusCode(), old.body());
        assertTrue(json(paypalWebhook(event, genuine)).get("duplicate").asBoolean());
    }

    private HttpResponse<String> paypalWebhook(String event, java.util.Map<String, String> headers) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(shop.baseUrl() + "/api/payment/webhook/paypal"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(event));
        headers.forEach(request::header);
        return shop.send(request);
    }

    @Test
    void partialRefundsAddUpAndNeverExceedThePayment() {
        Checkout checkout = new Checkout(shop);
        String mug = checkout.product(2000, 6, false);
        String orderId = checkout.orderAwaitingPayment("stripe", 2, mug);
        JsonNode paid = checkout.payByCard(orderId).order();
        long total = paid.get("amount_paid").asLong();
        assertEquals(4, Checkout.stock(shop, mug));
        String admin = shop.loginAdmin();
        String path = "/api/orders/" + orderId + "/refund";

        HttpResponse<String> partial = shop.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(shop.baseUrl() + path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json").header("Idempotency-Key", "refund-" + orderId)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"amount_cents\":1000,\"reason\":\"dented\"}")));
        HttpResponse<String> replayed = shop.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(shop.baseUrl() + path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json").header("Idempotency-Key", "refund-" + orderId)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"amount_cents\":1000,\"reason\":\"dented\"}")));
        assertEquals(200, partial.statusCode(), partial.body());
        assertEquals("partially_refunded", json(partial).get("payment_status").asText());
        assertEquals(1000, json(partial).get("refunded_cents").asLong());
        assertEquals("confirmed", json(partial).get("order_status").asText());
        assertEquals(200, replayed.statusCode());
        assertEquals("true", replayed.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(1000, checkout.order(orderId).get("refunded_cents").asLong(), "the replay refunded nothing");

        HttpResponse<String> tooMuch = shop.call("POST", path, "{\"amount_cents\":" + total + "}", admin);
        assertEquals(409, tooMuch.statusCode(), tooMuch.body());
        assertEquals("refund_exceeds_payment", json(tooMuch).get("error").asText());
        assertEquals(403, shop.call("POST", path, "{}", checkout.shopper).statusCode());
        assertEquals(400, shop.call("POST", path, "{\"amount_cents\":-5}", admin).statusCode());

        HttpResponse<String> rest = shop.call("POST", path, "{}", admin);
        assertEquals(200, rest.statusCode(), rest.body());
        assertEquals("refunded", json(rest).get("payment_status").asText());
        assertEquals("refunded", json(rest).get("order_status").asText());
        assertEquals(total, json(rest).get("refunded_cents").asLong());
        assertEquals(2, json(rest).get("refunds").size());
        assertEquals(6, Checkout.stock(shop, mug), "never shipped: stock back");
        assertEquals(409, shop.call("POST", path, "{\"amount_cents\":1}", admin).statusCode(), "nothing left to refund");
        awaitMail(paid, "Refund");
    }

    @Test
    void aPayPalOrderIsRefundedInFull() {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("paypal", 1, checkout.product(2600, 5, false));
        JsonNode paypal = checkout.paypalOrder(orderId);
        checkout.approve(paypal, null);
        assertEquals(202, checkout.capture(orderId, paypal).statusCode());
        checkout.awaitOrder(orderId, "confirmed");

        HttpResponse<String> refunded = shop.call("POST", "/api/orders/" + orderId + "/refund", "{\"reason\":\"changed mind\"}", shop.loginAdmin());

        assertEquals(200, refunded.statusCode(), refunded.body());
        assertEquals("refunded", json(refunded).get("order_status").asText());
    }

    @Test
    void aDeclinedPayPalPaymentLeavesTheOrderPayable() {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("paypal", 1, checkout.product(2700, 5, false));
        JsonNode paypal = checkout.paypalOrder(orderId);
        checkout.approve(paypal, "declined");

        HttpResponse<String> captured = checkout.capture(orderId, paypal);

        assertEquals(402, captured.statusCode(), captured.body());
        assertEquals("payment_declined", json(captured).get("error").asText());
        assertEquals("awaiting_payment", checkout.order(orderId).get("order_status").asText());
    }

    @Test
    void theEleventhPaymentCallInAMinuteIsRefused() {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, checkout.product(1100, 5, false));
        String first = checkout.intent(orderId).get("payment_intent_id").asText();
        for (int i = 2; i <= 10; i++) {
            assertEquals(first, checkout.intent(orderId).get("payment_intent_id").asText(), "call " + i + ": one intent per order");
        }

        HttpResponse<String> refused = checkout.api("/api/payment/stripe/intent", "{\"order_id\":\"" + orderId + "\"}");

        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals("10", refused.headers().firstValue("X-RateLimit-Limit").orElseThrow());
    }

    @Test
    void badPaymentRequestsAre4xxNever500() {
        Checkout checkout = new Checkout(shop);
        assertEquals(400, checkout.api("/api/payment/stripe/intent", "{}").statusCode());
        assertEquals(400, checkout.api("/api/payment/stripe/intent", "{\"order_id\":5}").statusCode());
        assertEquals(404, checkout.api("/api/payment/stripe/intent", "{\"order_id\":\"no-such-order\"}").statusCode());
        assertEquals(400, checkout.api("/api/payment/stripe/confirm", "{\"order_id\":\"x\",\"payment_intent_id\":\"nope\"}").statusCode());
        assertEquals(400, checkout.api("/api/payment/paypal/capture", "{\"order_id\":\"x\"}").statusCode());
        assertEquals(415, shop.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(shop.baseUrl() + "/api/payment/paypal/create"))
                .header("Authorization", "Bearer " + checkout.shopper).POST(java.net.http.HttpRequest.BodyPublishers.ofString("order_id=1"))).statusCode());
    }

    @Test
    void anAdminCancellingAPaidOrderRefundsIt() {
        Checkout checkout = new Checkout(shop);
        String mug = checkout.product(2100, 5, false);
        String orderId = checkout.orderAwaitingPayment("stripe", 2, mug);
        JsonNode paid = checkout.payByCard(orderId).order();

        HttpResponse<String> cancelled = shop.call("PUT", "/api/orders/" + orderId + "/status", "{\"order_status\":\"cancelled\"}", shop.loginAdmin());

        assertEquals(200, cancelled.statusCode(), cancelled.body());
        JsonNode order = json(cancelled);
        assertEquals("cancelled", order.get("order_status").asText());
        assertEquals("refunded", order.get("payment_status").asText());
        assertEquals(paid.get("amount_paid").asLong(), order.get("refunded_cents").asLong());
        assertEquals(5, Checkout.stock(shop, mug), "stock returned once");
        awaitMail(paid, "cancelled");
    }

    @Test
    void moneyThatArrivesAfterTheOrderWasCancelledGoesBack() {
        Checkout checkout = new Checkout(shop);
        String mug = checkout.product(2300, 5, false);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, mug);
        JsonNode intent = checkout.intent(orderId);
        assertEquals(200, shop.call("POST", "/api/orders/" + orderId + "/cancel", null, checkout.shopper).statusCode());

        // the card is charged anyway (a slow browser tab); the sandbox's webhook brings the payment to the processor
        assertEquals(200, checkout.browserConfirm(intent, "pm_card_visa").statusCode());

        JsonNode order = await().atMost(Duration.ofSeconds(60)).until(() -> checkout.order(orderId),
                o -> "refunded".equals(o.path("payment_status").asText()));
        assertEquals("cancelled", order.get("order_status").asText());
        assertEquals(order.get("total").asLong(), order.get("refunded_cents").asLong());
        assertEquals(order.get("total").asLong(), order.get("amount_paid").asLong());
        assertEquals(5, Checkout.stock(shop, mug), "the cancellation's stock return stands, once");
        assertEquals(0, Checkout.salesCount(shop, mug));
    }
}
