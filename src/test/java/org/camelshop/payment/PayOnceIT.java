package org.camelshop.payment;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.testing.Concurrently;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Money is taken once per order whatever the provider, and a refund happens once, tried at the HTTP edge: both providers
 * paid one after the other and at the same instant, refund keys replayed after a conflict and raced, confirm and capture
 * on a paid order, webhooks signed too long ago or too far ahead.
 */
@ExtendWith(LocalStackExtension.class)
class PayOnceIT {

    private static final String SANDBOX_SECRET = "sk_test_camelshop_sandbox";

    private final RunningShop shop;
    private final LocalStack stack;

    PayOnceIT(RunningShop shop, LocalStack stack) {
        this.shop = shop;
        this.stack = stack;
    }

    private String intentStatus(String intentId) {
        return json(shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/sandbox/stripe/v1/payment_intents/" + intentId))
                .header("Authorization", "Bearer " + SANDBOX_SECRET).GET())).get("status").asText();
    }

    private long mailsAbout(JsonNode order, String subjectPart) {
        return Checkout.mails(shop, stack.ports().ses(), order.get("order_number").asText()).stream()
                .filter(m -> m.get("subject").asText().contains(subjectPart)).count();
    }

    /** The order once its second payment is back: one duplicate, refunded in full. */
    private JsonNode awaitDuplicateRefunded(Checkout checkout, String orderId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> checkout.order(orderId), o -> o.path("duplicate_payments").size() == 1
                && o.path("duplicate_payments").elements().next().path("refund_id").isTextual());
    }

    @Test
    void paidWithPayPalTheOpenCardPaymentIsCancelledAndCanNoLongerTakeMoney() {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("paypal", 1, checkout.product(3100, 5, false));
        JsonNode intent = checkout.intent(orderId);
        JsonNode paypal = checkout.paypalOrder(orderId);
        checkout.approve(paypal, null);
        assertEquals(202, checkout.capture(orderId, paypal).statusCode());
        JsonNode order = checkout.awaitOrder(orderId, "confirmed");
        assertEquals("paypal", order.get("payment_provider").asText());

        String intentId = intent.get("payment_intent_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "canceled".equals(intentStatus(intentId)));
        HttpResponse<String> card = checkout.browserConfirm(intent, "pm_card_visa");
        assertEquals(400, card.statusCode(), "Stripe refuses to charge a canceled PaymentIntent: " + card.body());
        HttpResponse<String> confirm = checkout.confirm(orderId, intent);
        assertEquals(409, confirm.statusCode(), confirm.body());
        assertEquals("order_already_paid", json(confirm).get("error").asText());
        HttpResponse<String> anotherIntent = checkout.api("/api/payment/stripe/intent", "{\"order_id\":\"" + orderId + "\"}");
        assertEquals(409, anotherIntent.statusCode());
        assertEquals("order_already_paid", json(anotherIntent).get("error").asText());

        JsonNode after = checkout.order(orderId);
        assertEquals(after.get("total").asLong(), after.get("amount_paid").asLong());
        assertFalse(after.has("duplicate_payments") && after.get("duplicate_payments").size() > 0, "no money came twice");
    }

    @Test
    void paidByCardAnApprovedPayPalOrderIsNeverCaptured() {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, checkout.product(2700, 5, false));
        JsonNode paypal = checkout.paypalOrder(orderId);
        checkout.approve(paypal, null);
        checkout.payByCard(orderId);

        HttpResponse<String> capture = checkout.capture(orderId, paypal);

        assertEquals(409, capture.statusCode(), capture.body());
        assertEquals("order_already_paid", json(capture).get("error").asText());
        JsonNode order = checkout.order(orderId);
        assertEquals("stripe", order.get("payment_provider").asText());
        assertEquals(order.get("total").asLong(), order.get("amount_paid").asLong());
        assertTrue(!order.has("duplicate_payments") || order.get("duplicate_payments").isEmpty());
    }

    /** Where the PayPal order stands at PayPal (COMPLETED once captured), asked with the sandbox app's own token. */
    private String paypalStatus(String paypalOrderId) {
        String basic = java.util.Base64.getEncoder().encodeToString("camelshop-sandbox-client:camelshop-sandbox-secret".getBytes());
        String token = json(shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/sandbox/paypal/v1/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")))).get("access_token").asText();
        return json(shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/sandbox/paypal/v2/checkout/orders/" + paypalOrderId))
                .header("Authorization", "Bearer " + token).GET())).get("status").asText();
    }

    /** How many providers hold money for the order: the card charged, the PayPal order captured. */
    private int paymentsTaken(JsonNode intent, JsonNode paypal) {
        return ("succeeded".equals(intentStatus(intent.get("payment_intent_id").asText())) ? 1 : 0)
                + ("COMPLETED".equals(paypalStatus(paypal.get("paypal_order_id").asText())) ? 1 : 0);
    }

    @Test
    void bothProvidersPaidAtTheSameInstantKeepOnePaymentAndReturnAnyOther() throws Exception {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, checkout.product(4400, 5, false));
        JsonNode intent = checkout.intent(orderId);
        JsonNode paypal = checkout.paypalOrder(orderId);
        checkout.approve(paypal, null);

        List<HttpResponse<String>> answers = Concurrently.run(List.of(() -> {
            assertEquals(200, checkout.browserConfirm(intent, "pm_card_visa").statusCode());
            return checkout.confirm(orderId, intent);
        }, () -> checkout.capture(orderId, paypal)));

        // whichever won, every payment taken beyond the first comes back in full
        JsonNode order = await().atMost(Duration.ofSeconds(60)).until(() -> checkout.order(orderId),
                o -> "confirmed".equals(o.get("order_status").asText()) && refundedDuplicates(o) == paymentsTaken(intent, paypal) - 1);
        long total = order.get("total").asLong();
        assertEquals(total, order.get("amount_paid").asLong(), "one payment kept");
        assertEquals(0, order.path("refunded_cents").asLong(), "the kept payment is not touched");
        order.path("duplicate_payments").forEach(duplicate -> {
            assertTrue(!duplicate.get("provider").asText().equals(order.get("payment_provider").asText()));
            assertEquals(total, duplicate.get("refunded").asLong(), "another payment refunded in full");
        });
        assertTrue(answers.stream().allMatch(r -> r.statusCode() == 202
                || r.statusCode() == 409 && "order_already_paid".equals(json(r).get("error").asText())), answers.stream().map(HttpResponse::body).toList().toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsAbout(order, "is confirmed") == 1
                && mailsAbout(order, "second payment is refunded") == refundedDuplicates(order));
    }

    private static int refundedDuplicates(JsonNode order) {
        int refunded = 0;
        for (JsonNode duplicate : order.path("duplicate_payments")) {
            refunded += duplicate.path("refund_id").isTextual() ? 1 : 0;
        }
        return refunded;
    }

    @Test
    void twoPaymentsThatBothLandedAreSettledToOneAndTheSecondRefundedWithAMail() throws Exception {
        double before = shop.metric("shop_payment_duplicates_refunded_total");
        Checkout checkout = new Checkout(shop);
        String mug = checkout.product(1900, 5, false);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, mug);
        JsonNode intent = checkout.intent(orderId);
        JsonNode paypal = checkout.paypalOrder(orderId);
        checkout.approve(paypal, null);
        // both providers take the money before the payment processor hears of either (it is held for the moment)
        var routes = shop.camelContext().getRouteController();
        routes.stopRoute("payment-processor");
        try {
            assertEquals(200, checkout.browserConfirm(intent, "pm_card_visa").statusCode());
            assertEquals(202, checkout.capture(orderId, paypal).statusCode());
            assertEquals(202, checkout.confirm(orderId, intent).statusCode());
        } finally {
            routes.startRoute("payment-processor");
        }
        assertEquals(2, paymentsTaken(intent, paypal));

        JsonNode order = await().atMost(Duration.ofSeconds(60)).until(() -> checkout.order(orderId), o -> refundedDuplicates(o) == 1);

        long total = order.get("total").asLong();
        assertEquals("confirmed", order.get("order_status").asText());
        assertEquals(total, order.get("amount_paid").asLong());
        JsonNode duplicate = order.get("duplicate_payments").elements().next();
        assertEquals(total, duplicate.get("refunded").asLong());
        assertTrue(!duplicate.get("provider").asText().equals(order.get("payment_provider").asText()));
        assertEquals(1, Checkout.salesCount(shop, mug), "sold once");
        await().atMost(Duration.ofSeconds(60)).until(() -> mailsAbout(order, "second payment is refunded") == 1);
        assertEquals(1, mailsAbout(order, "is confirmed"));
        assertEquals(before + 1, shop.metric("shop_payment_duplicates_refunded_total"));
    }

    private HttpResponse<String> refund(String orderId, String admin, String key, String body) {
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/orders/" + orderId + "/refund"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aRefundKeyReusedAfterAConflictReplaysTheFirstRefund() {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, checkout.product(2500, 5, false));
        checkout.payByCard(orderId);
        String admin = shop.loginAdmin();
        String key = "refund-" + UUID.randomUUID();

        HttpResponse<String> first = refund(orderId, admin, key, "{\"amount_cents\":100}");
        HttpResponse<String> other = refund(orderId, admin, key, "{\"amount_cents\":200}");
        HttpResponse<String> again = refund(orderId, admin, key, "{\"amount_cents\":100}");

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(409, other.statusCode());
        assertEquals("idempotency_key_reused", json(other).get("error").asText());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        JsonNode order = checkout.order(orderId);
        assertEquals(100, order.get("refunded_cents").asLong(), "refunded once");
        assertEquals(1, order.get("refunds").size());
    }

    @ParameterizedTest(name = "{0} copies of one refund refund once")
    @ValueSource(ints = {5, 20})
    void copiesOfOneRefundRefundOnce(int copies) throws Exception {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, checkout.product(3000, 5, false));
        checkout.payByCard(orderId);
        String admin = shop.loginAdmin();
        String key = "refund-" + UUID.randomUUID();
        List<HttpResponse<String>> answers = Concurrently.copies(copies, () -> refund(orderId, admin, key, "{\"amount_cents\":250}"));

        assertEquals(1, answers.stream().filter(r -> r.statusCode() == 200 && !r.headers().firstValue("Idempotent-Replayed").isPresent()).count());
        answers.stream().filter(r -> r.statusCode() != 200).forEach(r -> {
            assertEquals(409, r.statusCode(), r.body());
            assertEquals("idempotency_in_progress", json(r).get("error").asText());
        });
        HttpResponse<String> retried = refund(orderId, admin, key, "{\"amount_cents\":250}");
        assertEquals(200, retried.statusCode());
        assertEquals("true", retried.headers().firstValue("Idempotent-Replayed").orElse(""));
        JsonNode order = checkout.order(orderId);
        assertEquals(250, order.get("refunded_cents").asLong());
        assertEquals(1, order.get("refunds").size());
    }

    @Test
    void stripeWebhooksSignedTooLongAgoOrTooFarAheadAreRefused() {
        Checkout checkout = new Checkout(shop);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, checkout.product(1200, 5, false));
        JsonNode intent = checkout.intent(orderId);
        String intentId = intent.get("payment_intent_id").asText();
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> ahead = checkout.stripeWebhook("evt_" + UUID.randomUUID(), "payment_intent.succeeded", intentId, orderId, now + 400,
                Checkout.WEBHOOK_SECRET);
        HttpResponse<String> late = checkout.stripeWebhook("evt_" + UUID.randomUUID(), "payment_intent.succeeded", intentId, orderId, now - 400,
                Checkout.WEBHOOK_SECRET);
        HttpResponse<String> inTime = checkout.stripeWebhook("evt_" + UUID.randomUUID(), "payment_intent.created", intentId, orderId, now + 5,
                Checkout.WEBHOOK_SECRET);

        assertEquals(400, ahead.statusCode(), ahead.body());
        assertEquals("invalid_webhook", json(ahead).get("error").asText());
        assertEquals(400, late.statusCode(), late.body());
        assertEquals(200, inTime.statusCode(), inTime.body());
    }
}
