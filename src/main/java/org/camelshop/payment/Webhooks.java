package org.camelshop.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.Json;
import org.camelshop.platform.RedisConnection;
import org.camelshop.platform.ShopMetrics;
import org.camelshop.platform.provision.ResourcePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The providers' webhooks. Stripe's are verified with the SDK ({@code Webhook.constructEvent}: HMAC signature, timestamp
 * within 300 s, here in both directions); PayPal's by its verification API (through the paypal breaker) after a transmission-time check of the same
 * tolerance. Anything forged, expired or replayed from long ago is a 400 with no effect. Each event id is remembered
 * (Redis, or DynamoDB while Redis is down: {@link WebhookEvents}) for a week once its message is on payment-processing-queue,
 * so a duplicate delivery is acknowledged and ignored;
 * two duplicates racing each other can both be queued, which the processor's conditional confirm absorbs.
 */
public final class Webhooks {

    private static final Set<String> STRIPE_PAYMENT_EVENTS = Set.of("payment_intent.succeeded", "payment_intent.payment_failed");
    private static final Set<String> PAYPAL_PAYMENT_EVENTS = Set.of("PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.DENIED");
    private static final Duration REMEMBER_EVENTS = Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

    private final WebhookEvents events;
    private final PaymentSettings settings;
    private final ShopMetrics metrics;
    private final Clock clock;

    public Webhooks(RedisConnection redis, DynamoDbClient dynamoDb, PaymentSettings settings, ShopMetrics metrics, Clock clock) {
        this.events = new WebhookEvents(redis, dynamoDb, ResourcePlan.WEBHOOK_EVENTS, REMEMBER_EVENTS, metrics, clock);
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A genuine delivery: the event's id ({@code provider:id}; null for a duplicate, which is acknowledged and ignored) and
     * the message for payment-processing-queue (null unless it is a payment event of one of our orders).
     */
    public record Event(String id, String message) {
        static final Event DUPLICATE = new Event(null, null);
    }

    /** {@code POST /api/payment/webhook/stripe}: the signed payload and its {@code Stripe-Signature} header. */
    public Event stripe(String payload, String signature) {
        if (payload == null || signature == null || settings.stripe().webhookSecret().isEmpty()) {
            throw rejected("stripe", "a signed Stripe event is required");
        }
        if (!withinTolerance(signature)) {
            throw rejected("stripe", "timestamp outside the tolerance zone");
        }
        try {
            Webhook.constructEvent(payload, signature, settings.stripe().webhookSecret(), settings.webhookToleranceSeconds());
        } catch (SignatureVerificationException e) {
            throw rejected("stripe", e.getMessage());
        } catch (RuntimeException e) {
            throw rejected("stripe", "the event is not valid JSON");
        }
        JsonNode event = tree(payload);
        String id = event.path("id").asText();
        String type = event.path("type").asText();
        JsonNode object = event.path("data").path("object");
        if (seen("stripe", id)) {
            return Event.DUPLICATE;
        }
        String orderId = object.path("metadata").path("order_id").asText("");
        if (!STRIPE_PAYMENT_EVENTS.contains(type) || orderId.isEmpty()) {
            LOG.info("Stripe event {} ({}) acknowledged, nothing to do", id, type);
            return new Event("stripe:" + id, null);
        }
        return new Event("stripe:" + id, Json.write(new PaymentMessage(orderId, "stripe", object.path("id").asText())));
    }

    /**
     * {@code POST /api/payment/webhook/paypal}, before verification: the delivery to verify (the event and its
     * {@code PAYPAL-*} headers), or a 400 if it cannot be genuine.
     */
    public PayPalGateway.WebhookDelivery paypal(String body, Map<String, Object> headers) {
        String id = header(headers, "PAYPAL-TRANSMISSION-ID");
        String time = header(headers, "PAYPAL-TRANSMISSION-TIME");
        String sig = header(headers, "PAYPAL-TRANSMISSION-SIG");
        String cert = header(headers, "PAYPAL-CERT-URL");
        String algo = header(headers, "PAYPAL-AUTH-ALGO");
        if (id == null || time == null || sig == null || cert == null || algo == null) {
            throw rejected("paypal", "the PAYPAL-TRANSMISSION-* headers are required");
        }
        try {
            Duration age = Duration.between(Instant.parse(time), clock.instant()).abs();
            if (age.getSeconds() > settings.webhookToleranceSeconds()) {
                throw rejected("paypal", "transmission time outside the tolerance zone");
            }
        } catch (DateTimeParseException e) {
            throw rejected("paypal", "PAYPAL-TRANSMISSION-TIME is not a timestamp");
        }
        JsonNode event = body == null ? null : tree(body);
        if (event == null || !event.isObject() || event.path("id").asText().isEmpty()) {
            throw rejected("paypal", "the event is not valid JSON");
        }
        return new PayPalGateway.WebhookDelivery(id, time, sig, cert, algo, event);
    }

    /** After PayPal's verification API answered: a 400 unless SUCCESS; then the queue message, or null. */
    public Event paypalVerified(PayPalGateway.WebhookDelivery delivery, boolean verified) {
        if (!verified) {
            throw rejected("paypal", "PayPal did not verify the signature");
        }
        JsonNode event = delivery.event();
        String id = event.path("id").asText();
        String type = event.path("event_type").asText();
        if (seen("paypal", id)) {
            return Event.DUPLICATE;
        }
        JsonNode resource = event.path("resource");
        String orderId = resource.path("custom_id").asText("");
        String paypalOrder = resource.path("supplementary_data").path("related_ids").path("order_id").asText("");
        if (!PAYPAL_PAYMENT_EVENTS.contains(type) || orderId.isEmpty() || paypalOrder.isEmpty()) {
            LOG.info("PayPal event {} ({}) acknowledged, nothing to do", id, type);
            return new Event("paypal:" + id, null);
        }
        return new Event("paypal:" + id, Json.write(new PaymentMessage(orderId, "paypal", paypalOrder)));
    }

    /** Once the event's message is queued (or there was nothing to queue): later deliveries of it are duplicates. */
    public String processed(Event event) {
        if (event.id() == null) {
            return "{\"received\":true,\"duplicate\":true}";
        }
        events.remember(event.id());
        return "{\"received\":true}";
    }

    private static String header(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value == null ? null : value.toString();
    }

    /**
     * The SDK only refuses events signed too long ago; one signed too far ahead is as suspect (a forged or skewed clock),
     * so the tolerance holds both ways. Unparseable headers are left to the SDK's verdict.
     */
    private boolean withinTolerance(String signature) {
        for (String part : signature.split(",")) {
            if (part.startsWith("t=")) {
                try {
                    long seconds = Long.parseLong(part.substring(2).trim());
                    return Math.abs(clock.instant().getEpochSecond() - seconds) <= settings.webhookToleranceSeconds();
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return true;
    }

    private boolean seen(String provider, String id) {
        boolean seen = events.seen(provider + ":" + id);
        if (seen) {
            LOG.info("{} event {} delivered again: ignored", provider, id);
            metrics.counter("shop_webhook_duplicates_total", "Webhook deliveries of events already processed", "provider", provider).increment();
        }
        return seen;
    }

    private ApiException rejected(String provider, String reason) {
        LOG.warn("{} webhook rejected: {}", provider, reason);
        metrics.counter("shop_webhook_rejected_total", "Webhook deliveries refused as not genuine", "provider", provider).increment();
        return new ApiException(400, "invalid_webhook", "Webhook rejected: " + reason, List.of());
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
