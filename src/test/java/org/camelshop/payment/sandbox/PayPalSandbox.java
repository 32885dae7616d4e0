package org.camelshop.payment.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.camel.Exchange;
import org.camelshop.payment.StripeSignature;
import org.camelshop.platform.Json;

/**
 * The subset of the PayPal REST API the shop uses (SPEC §6), under {@code /sandbox/paypal}: OAuth2 client-credentials
 * tokens, Orders v2 (create, get, capture), capture refunds, {@code PayPal-Request-Id} idempotency, and webhook signature
 * verification. The buyer approves at {@code /sandbox/paypal/approve?token={id}} (a POST, as the PayPal page would after
 * login; {@code funding=declined} makes the capture fail as a declined instrument). Captures send a signed
 * {@code PAYMENT.CAPTURE.COMPLETED} webhook to the shop. The sandbox signs with an HMAC over the transmission headers and
 * the canonical event; real PayPal uses a certificate, which is why the shop only ever asks the verification API.
 */
public final class PayPalSandbox {

    private static final String ORDERS = "paypal-order";
    private static final String CAPTURES = "paypal-capture";
    private static final String TOKENS = "paypal-token";
    /** Keys sorted at every level: the same event always signs the same, however its JSON was ordered in transit. */
    private static final ObjectMapper CANONICAL = Json.mapper().copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final boolean active;
    private final SandboxStore store;
    private final String clientId;
    private final String clientSecret;
    private final String webhookId;
    private final String baseUrl;
    private final String webhookUrl;
    private final Clock clock;
    private final WebhookSender webhooks = new WebhookSender();
    private final SecureRandom random = new SecureRandom();

    public PayPalSandbox(boolean active, SandboxStore store, String clientId, String clientSecret, String webhookId, String baseUrl, String webhookUrl,
            Clock clock) {
        this.active = active;
        this.store = store;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.webhookId = webhookId;
        this.baseUrl = baseUrl;
        this.webhookUrl = webhookUrl;
        this.clock = clock;
    }

    /** {@code POST /v1/oauth2/token} with HTTP Basic client credentials. */
    public void token(Exchange exchange) {
        if (failing(exchange)) {
            return;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getMessage().getHeader("Authorization", String.class))) {
            SandboxResponses.reply(exchange, 401, Map.of("error", "invalid_client", "error_description", "Client Authentication failed"));
            return;
        }
        String token = "A21AA" + token(24);
        store.put(TOKENS, token, Map.of("issued", clock.instant().toString()));
        SandboxResponses.reply(exchange, 200, Map.of("scope", "https://uri.paypal.com/services/payments/payment", "access_token", token,
                "token_type", "Bearer", "app_id", "APP-CAMELSHOP-SANDBOX", "expires_in", 32400, "nonce", clock.instant().toString()));
    }

    /** {@code POST /v2/checkout/orders}: intent CAPTURE, one purchase unit. */
    public void createOrder(Exchange exchange) {
        if (answeredAlready(exchange)) {
            return;
        }
        String requestId = exchange.getMessage().getHeader("PayPal-Request-Id", String.class);
        Map<String, Object> request = SandboxStore.read(exchange.getMessage().getBody(String.class));
        List<?> units = request.get("purchase_units") instanceof List<?> list ? list : List.of();
        if (!"CAPTURE".equals(request.get("intent")) || units.size() != 1 || !(units.get(0) instanceof Map<?, ?> unit)
                || !(unit.get("amount") instanceof Map<?, ?> amount) || amount.get("value") == null || amount.get("currency_code") == null) {
            unprocessable(exchange, 400, "INVALID_REQUEST", "MISSING_REQUIRED_PARAMETER", "intent CAPTURE and one purchase unit with an amount");
            return;
        }
        String id = token(8).toUpperCase(java.util.Locale.ROOT) + "PP";
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", id);
        order.put("intent", "CAPTURE");
        order.put("status", "CREATED");
        order.put("purchase_units", List.of(new LinkedHashMap<>(unit.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)))));
        order.put("create_time", clock.instant().toString());
        order.put("links", links(id));
        store.put(ORDERS, id, order);
        String response = Json.write(order);
        store.remember("paypal", requestId, response);
        SandboxResponses.reply(exchange, 201, response);
    }

    /** {@code GET /v2/checkout/orders/{id}}. */
    public void getOrder(Exchange exchange, String id) {
        if (refused(exchange)) {
            return;
        }
        existing(exchange, ORDERS, id).ifPresent(order -> SandboxResponses.reply(exchange, 200, order));
    }

    /** {@code POST /sandbox/paypal/approve?token={id}}: the buyer approves (or approves with a card that will decline). */
    public void approve(Exchange exchange, String id) {
        if (failing(exchange)) {
            return;
        }
        Optional<Map<String, Object>> found = id == null ? Optional.empty() : store.get(ORDERS, id);
        if (found.isEmpty() || !"CREATED".equals(found.get().get("status"))) {
            unprocessable(exchange, 422, "UNPROCESSABLE_ENTITY", "ORDER_NOT_APPROVABLE", "Only a newly created order can be approved.");
            return;
        }
        Map<String, Object> order = found.get();
        order.put("status", "APPROVED");
        order.put("payer", Map.of("email_address", "buyer@sandbox.camelshop.local", "payer_id", "SANDBOXBUYER"));
        order.put("sandbox_funding", "declined".equals(exchange.getMessage().getHeader("funding", String.class)) ? "declined" : "ok");
        store.put(ORDERS, id, order);
        SandboxResponses.reply(exchange, 200, order);
    }

    /** {@code POST /v2/checkout/orders/{id}/capture}: only an approved order; repeatable with the same PayPal-Request-Id. */
    public void capture(Exchange exchange, String id) {
        if (answeredAlready(exchange)) {
            return;
        }
        String requestId = exchange.getMessage().getHeader("PayPal-Request-Id", String.class);
        Optional<Map<String, Object>> found = existing(exchange, ORDERS, id);
        if (found.isEmpty()) {
            return;
        }
        Map<String, Object> order = found.get();
        switch ((String) order.get("status")) {
            case "CREATED" -> {
                unprocessable(exchange, 422, "UNPROCESSABLE_ENTITY", "ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment.");
                return;
            }
            case "COMPLETED" -> {
                unprocessable(exchange, 422, "UNPROCESSABLE_ENTITY", "ORDER_ALREADY_CAPTURED", "Order already captured.");
                return;
            }
            default -> { }
        }
        if ("declined".equals(order.get("sandbox_funding"))) {
            unprocessable(exchange, 422, "UNPROCESSABLE_ENTITY", "INSTRUMENT_DECLINED", "The instrument presented was declined.");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> unit = (Map<String, Object>) ((List<?>) order.get("purchase_units")).get(0);
        Map<String, Object> capture = new LinkedHashMap<>();
        capture.put("id", "CAP" + token(8).toUpperCase(java.util.Locale.ROOT));
        capture.put("status", "COMPLETED");
        capture.put("amount", unit.get("amount"));
        capture.put("final_capture", true);
        capture.put("custom_id", unit.get("custom_id"));
        capture.put("create_time", clock.instant().toString());
        capture.put("supplementary_data", Map.of("related_ids", Map.of("order_id", id)));
        unit.put("payments", Map.of("captures", List.of(capture)));
        order.put("status", "COMPLETED");
        store.put(ORDERS, id, order);
        Map<String, Object> captureState = new LinkedHashMap<>(capture);
        captureState.put("refunded_cents", 0);
        store.put(CAPTURES, (String) capture.get("id"), captureState);
        String response = Json.write(order);
        store.remember("paypal", requestId, response);
        sendEvent("PAYMENT.CAPTURE.COMPLETED", capture);
        SandboxResponses.reply(exchange, 201, response);
    }

    /** {@code POST /v2/payments/captures/{id}/refund}: optional amount (default: what is left), never more than captured. */
    public void refund(Exchange exchange, String captureId) {
        if (answeredAlready(exchange)) {
            return;
        }
        String requestId = exchange.getMessage().getHeader("PayPal-Request-Id", String.class);
        Optional<Map<String, Object>> found = existing(exchange, CAPTURES, captureId);
        if (found.isEmpty()) {
            return;
        }
        Map<String, Object> capture = found.get();
        @SuppressWarnings("unchecked")
        Map<String, Object> captured = (Map<String, Object>) capture.get("amount");
        long total = cents((String) captured.get("value"));
        long refunded = ((Number) capture.get("refunded_cents")).longValue();
        String body = exchange.getMessage().getBody(String.class);
        Map<String, Object> request = body == null || body.isBlank() ? Map.of() : SandboxStore.read(body);
        long amount = request.get("amount") instanceof Map<?, ?> money ? cents((String) money.get("value")) : total - refunded;
        if (amount <= 0 || refunded + amount > total) {
            unprocessable(exchange, 422, "UNPROCESSABLE_ENTITY", "REFUND_AMOUNT_EXCEEDED", "The refund amount must be less than or equal to the capture amount that has not yet been refunded.");
            return;
        }
        capture.put("refunded_cents", refunded + amount);
        store.put(CAPTURES, captureId, capture);
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("id", "REF" + token(8).toUpperCase(java.util.Locale.ROOT));
        refund.put("status", "COMPLETED");
        refund.put("amount", Map.of("currency_code", captured.get("currency_code"), "value", value(amount)));
        refund.put("create_time", clock.instant().toString());
        String response = Json.write(refund);
        store.remember("paypal", requestId, response);
        SandboxResponses.reply(exchange, 201, response);
    }

    /** {@code POST /v1/notifications/verify-webhook-signature}: SUCCESS only for the sandbox's own signature over this event. */
    public void verifyWebhookSignature(Exchange exchange) {
        if (refused(exchange)) {
            return;
        }
        Map<String, Object> request = SandboxStore.read(exchange.getMessage().getBody(String.class));
        Object event = request.get("webhook_event");
        boolean valid = event instanceof Map<?, ?> && webhookId.equals(request.get("webhook_id"))
                && signature(String.valueOf(request.get("transmission_id")), String.valueOf(request.get("transmission_time")), event)
                .equals(request.get("transmission_sig"));
        SandboxResponses.reply(exchange, 200, Map.of("verification_status", valid ? "SUCCESS" : "FAILURE"));
    }

    /** The headers PayPal sends with a webhook, signed the sandbox's way: for tests that play PayPal. */
    public Map<String, String> signedHeaders(String transmissionId, Instant time, Object event) {
        return Map.of("PAYPAL-TRANSMISSION-ID", transmissionId, "PAYPAL-TRANSMISSION-TIME", time.toString(),
                "PAYPAL-TRANSMISSION-SIG", signature(transmissionId, time.toString(), event),
                "PAYPAL-CERT-URL", baseUrl + "/sandbox/paypal/certs/sandbox", "PAYPAL-AUTH-ALGO", "SHA256withRSA");
    }

    private String signature(String transmissionId, String time, Object event) {
        try {
            String canonical = CANONICAL.writeValueAsString(event instanceof String text ? SandboxStore.read(text) : event);
            return StripeSignature.hmacSha256(clientSecret, transmissionId + "|" + time + "|" + webhookId + "|" + canonical);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sendEvent(String type, Map<String, Object> resource) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "WH-" + token(10).toUpperCase(java.util.Locale.ROOT));
        event.put("event_version", "1.0");
        event.put("create_time", clock.instant().toString());
        event.put("resource_type", "capture");
        event.put("event_type", type);
        event.put("resource", resource);
        webhooks.post(webhookUrl, Json.write(event), signedHeaders(UUID.randomUUID().toString(), clock.instant(), event));
    }

    private List<Map<String, String>> links(String id) {
        return List.of(Map.of("href", baseUrl + "/sandbox/paypal/v2/checkout/orders/" + id, "rel", "self", "method", "GET"),
                Map.of("href", baseUrl + "/sandbox/paypal/approve?token=" + id, "rel", "approve", "method", "GET"),
                Map.of("href", baseUrl + "/sandbox/paypal/v2/checkout/orders/" + id + "/capture", "rel", "capture", "method", "POST"));
    }

    private boolean failing(Exchange exchange) {
        if (!active) {
            unprocessable(exchange, 404, "RESOURCE_NOT_FOUND", "SANDBOX_OFF", "The PayPal sandbox is off.");
            return true;
        }
        if (store.failing("paypal")) {
            unprocessable(exchange, 500, "INTERNAL_SERVER_ERROR", "INTERNAL_SERVICE_ERROR", "The sandbox was switched to failing (PUT /sandbox/control).");
            return true;
        }
        return false;
    }

    /** Failing switch, then a Bearer token this sandbox issued. */
    /**
     * True when the request was answered here: the sandbox is switched to failing, or its {@code PayPal-Request-Id}
     * was seen before and the first answer is replayed (PayPal's idempotency).
     */
    private boolean answeredAlready(Exchange exchange) {
        if (refused(exchange)) {
            return true;
        }
        Optional<String> replay = store.replay("paypal", exchange.getMessage().getHeader("PayPal-Request-Id", String.class));
        replay.ifPresent(response -> SandboxResponses.reply(exchange, 201, response));
        return replay.isPresent();
    }

    /** The stored order or capture, or empty after answering PayPal's 404. */
    private Optional<Map<String, Object>> existing(Exchange exchange, String kind, String id) {
        Optional<Map<String, Object>> found = store.get(kind, id);
        if (found.isEmpty()) {
            unprocessable(exchange, 404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", "Specified resource ID does not exist.");
        }
        return found;
    }

    private boolean refused(Exchange exchange) {
        if (failing(exchange)) {
            return true;
        }
        String authorization = exchange.getMessage().getHeader("Authorization", "", String.class);
        if (!authorization.startsWith("Bearer ") || store.get(TOKENS, authorization.substring(7)).isEmpty()) {
            SandboxResponses.reply(exchange, 401, Map.of("error", "invalid_token", "error_description", "Token signature verification failed"));
            return true;
        }
        return false;
    }

    private static void unprocessable(Exchange exchange, int status, String name, String issue, String description) {
        SandboxResponses.reply(exchange, status, Map.of("name", name, "message", description, "debug_id", "sandbox",
                "details", List.of(Map.of("issue", issue, "description", description))));
    }

    static long cents(String value) {
        return new java.math.BigDecimal(value).movePointRight(2).longValueExact();
    }

    static String value(long cents) {
        return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
