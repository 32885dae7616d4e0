package org.camelshop.payment;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.RunningShop;

/**
 * A shopper's way through checkout on a running shop, for payment tests: products of their own, a logged-in shopper (the
 * payment rate limit is per user), an order awaiting payment, and the browser's side of Stripe.js / PayPal against the
 * sandbox. Public for other domains' tests that need a paid order (digital downloads).
 */
public final class Checkout {

    static final String ADDRESS = "{\"name\":\"Pat\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    static final String PUBLISHABLE_KEY = "pk_test_camelshop_sandbox";
    static final String WEBHOOK_SECRET = "whsec_camelshop_sandbox";

    final RunningShop shop;
    public final String shopper;

    public Checkout(RunningShop shop) {
        this.shop = shop;
        this.shopper = shop.newShopper("Payer");
    }

    /** A product of its own; returns its id. */
    public String product(long price, int stock, boolean digital) {
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Pay Test " + (digital ? "E-book" : "Mug") + "\",\"price\":" + price
                + ",\"category\":\"" + (digital ? "Digital Downloads" : "Merchandise") + "\",\"digital_download\":" + digital
                + ",\"sku\":\"PAY-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"stock_quantity\":" + stock + "}", shop.loginAdmin());
        assertEquals(201, created.statusCode(), created.body());
        return json(created).get("product_id").asText();
    }

    /** Puts the products in the cart (quantity 1 each, or the given quantity for the first), orders, waits for the reservation. */
    public String orderAwaitingPayment(String method, int quantity, String... productIds) {
        for (int i = 0; i < productIds.length; i++) {
            HttpResponse<String> added = shop.call("POST", "/api/cart/add", "{\"product_id\":\"" + productIds[i] + "\",\"quantity\":"
                    + (i == 0 ? quantity : 1) + "}", shopper);
            assertEquals(200, added.statusCode(), added.body());
        }
        HttpResponse<String> placed = shop.call("POST", "/api/orders/create", "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
                + ",\"payment_method\":\"" + method + "\",\"accept_terms\":true}", shopper);
        assertEquals(202, placed.statusCode(), placed.body());
        String orderId = json(placed).get("order_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "awaiting_payment".equals(order(orderId).get("order_status").asText()));
        return orderId;
    }

    public JsonNode order(String orderId) {
        return json(shop.call("GET", "/api/orders/" + orderId, null, shopper));
    }

    JsonNode awaitOrder(String orderId, String status) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> order(orderId), o -> status.equals(o.get("order_status").asText()));
    }

    HttpResponse<String> api(String path, String body) {
        return shop.call("POST", path, body, shopper);
    }

    /** POST /api/payment/stripe/intent; returns the answer (payment_intent_id, client_secret, ...). */
    JsonNode intent(String orderId) {
        HttpResponse<String> response = api("/api/payment/stripe/intent", "{\"order_id\":\"" + orderId + "\"}");
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    /** What Stripe.js does in the browser: confirm the PaymentIntent with a payment method, using the publishable key. */
    HttpResponse<String> browserConfirm(JsonNode intent, String paymentMethod) {
        String form = "payment_method=" + paymentMethod + "&client_secret=" + intent.get("client_secret").asText();
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/sandbox/stripe/v1/payment_intents/"
                        + intent.get("payment_intent_id").asText() + "/confirm"))
                .header("Authorization", "Bearer " + PUBLISHABLE_KEY).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> confirm(String orderId, JsonNode intent) {
        return api("/api/payment/stripe/confirm", "{\"order_id\":\"" + orderId + "\",\"payment_intent_id\":\"" + intent.get("payment_intent_id").asText() + "\"}");
    }

    /** An order paid with the test card the way a shopper does it: intent, card, confirm; then awaited as confirmed. */
    public record Paid(JsonNode intent, JsonNode order) {
    }

    public Paid payByCard(String orderId) {
        JsonNode intent = intent(orderId);
        assertEquals(200, browserConfirm(intent, "pm_card_visa").statusCode());
        assertEquals(202, confirm(orderId, intent).statusCode());
        return new Paid(intent, awaitOrder(orderId, "confirmed"));
    }

    /** POST /api/payment/paypal/create; returns the answer (paypal_order_id, approve_url). */
    JsonNode paypalOrder(String orderId) {
        HttpResponse<String> response = api("/api/payment/paypal/create", "{\"order_id\":\"" + orderId + "\"}");
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    /** The buyer approves at PayPal (the sandbox's approve link); {@code funding=declined} approves with an account that will decline. */
    void approve(JsonNode paypalOrder, String funding) {
        HttpResponse<String> approved = shop.send(HttpRequest.newBuilder(URI.create(paypalOrder.get("approve_url").asText()
                + (funding == null ? "" : "&funding=" + funding))).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, approved.statusCode(), approved.body());
    }

    HttpResponse<String> capture(String orderId, JsonNode paypalOrder) {
        return api("/api/payment/paypal/capture", "{\"order_id\":\"" + orderId + "\",\"paypal_order_id\":\"" + paypalOrder.get("paypal_order_id").asText() + "\"}");
    }

    /** A Stripe event about a PaymentIntent, signed with the sandbox's webhook secret at the given time. */
    HttpResponse<String> stripeWebhook(String eventId, String type, String paymentIntentId, String orderId, long signedAt, String secret) {
        String payload = "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"" + com.stripe.Stripe.API_VERSION + "\",\"created\":" + signedAt
                + ",\"type\":\"" + type + "\",\"livemode\":false,\"data\":{\"object\":{\"id\":\"" + paymentIntentId
                + "\",\"object\":\"payment_intent\",\"metadata\":{\"order_id\":\"" + orderId + "\"}}}}";
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/payment/webhook/stripe"))
                .header("Content-Type", "application/json").header("Stripe-Signature", StripeSignature.header(payload, secret, signedAt))
                .POST(HttpRequest.BodyPublishers.ofString(payload)));
    }

    /** Turns a sandboxed provider's failure switch on or off. */
    void sandboxFailing(String provider, boolean failing) {
        HttpResponse<String> changed = shop.call("PUT", "/sandbox/control", "{\"provider\":\"" + provider + "\",\"failing\":" + failing + "}", null);
        assertEquals(200, changed.statusCode(), changed.body());
    }

    static int stock(RunningShop shop, String productId) {
        return json(shop.get("/api/products/" + productId)).get("stock_quantity").asInt();
    }

    static long salesCount(RunningShop shop, String productId) {
        return json(shop.get("/api/products/" + productId)).path("sales_count").asLong();
    }

    /** Mails in the SES emulator whose subject mentions the order number. */
    static List<JsonNode> mails(RunningShop shop, int sesPort, String orderNumber) {
        HttpResponse<String> store = shop.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sesPort + "/store")).GET());
        List<JsonNode> found = new ArrayList<>();
        json(store).get("emails").forEach(mail -> {
            if (mail.get("subject").asText().contains(orderNumber)) {
                found.add(mail);
            }
        });
        return found;
    }
}
