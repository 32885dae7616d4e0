package org.camelshop.payment.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.Exchange;
import org.camelshop.payment.StripeSignature;

/**
 * The subset of the Stripe API the shop uses (SPEC §6), under {@code /sandbox/stripe}: PaymentIntents (create, retrieve,
 * confirm with the test payment methods, cancel), refunds, {@code Idempotency-Key}, form-encoded requests, Stripe's error shape,
 * and signed {@code payment_intent.*} / {@code charge.refunded} webhooks back to the shop. 3-D Secure is completed by a
 * POST to {@code /sandbox/stripe/3ds/{id}}, standing in for the bank's page.
 */
public final class StripeSandbox {

    /** Stripe's published test numbers, as the checkout page maps them to payment methods. */
    public static final String VISA = "pm_card_visa";
    public static final String DECLINED = "pm_card_chargeDeclined";
    public static final String THREE_D_SECURE = "pm_card_authenticationRequired";
    private static final Set<String> PAYMENT_METHODS = Set.of(VISA, DECLINED, THREE_D_SECURE);
    private static final String KIND = "stripe-pi";

    private final boolean active;
    private final SandboxStore store;
    private final String secretKey;
    private final String publishableKey;
    private final String webhookSecret;
    private final String baseUrl;
    private final String webhookUrl;
    private final String apiVersion;
    private final Clock clock;
    private final WebhookSender webhooks = new WebhookSender();
    private final SecureRandom random = new SecureRandom();

    public StripeSandbox(boolean active, SandboxStore store, String secretKey, String publishableKey, String webhookSecret, String baseUrl,
            String webhookUrl, String apiVersion, Clock clock) {
        this.active = active;
        this.store = store;
        this.secretKey = secretKey;
        this.publishableKey = publishableKey;
        this.webhookSecret = webhookSecret;
        this.baseUrl = baseUrl;
        this.webhookUrl = webhookUrl;
        this.apiVersion = apiVersion;
        this.clock = clock;
    }

    /** {@code POST /v1/payment_intents}: amount, currency, metadata[...]. */
    public void createIntent(Exchange exchange) {
        if (refusedOrReplayed(exchange)) {
            return;
        }
        String key = exchange.getMessage().getHeader("Idempotency-Key", String.class);
        Map<String, String> form = FormBody.of(exchange);
        long amount;
        try {
            amount = Long.parseLong(form.getOrDefault("amount", ""));
        } catch (NumberFormatException e) {
            invalid(exchange, "amount", "Missing required param: amount.");
            return;
        }
        if (amount < 50 || !form.containsKey("currency")) {
            invalid(exchange, amount < 50 ? "amount" : "currency", "Amount must be at least 50 cents and a currency is required.");
            return;
        }
        String id = "pi_" + token(12);
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("id", id);
        intent.put("object", "payment_intent");
        intent.put("amount", amount);
        intent.put("amount_received", 0);
        intent.put("currency", form.get("currency").toLowerCase(java.util.Locale.ROOT));
        intent.put("status", "requires_payment_method");
        intent.put("client_secret", id + "_secret_" + token(12));
        intent.put("capture_method", "automatic");
        intent.put("livemode", false);
        intent.put("created", clock.instant().getEpochSecond());
        intent.put("metadata", FormBody.nested(form, "metadata"));
        intent.put("amount_refunded", 0);
        store.put(KIND, id, intent);
        String response = org.camelshop.platform.Json.write(intent);
        store.remember("stripe", key, response);
        SandboxResponses.reply(exchange, 200, response);
    }

    /** {@code GET /v1/payment_intents/{id}}. */
    public void retrieveIntent(Exchange exchange, String id) {
        if (refused(exchange, false)) {
            return;
        }
        store.get(KIND, id).ifPresentOrElse(intent -> SandboxResponses.reply(exchange, 200, intent), () -> missing(exchange, id));
    }

    /**
     * {@code POST /v1/payment_intents/{id}/confirm} with {@code payment_method}: from the server with the secret key, or from
     * the browser with the publishable key and the intent's {@code client_secret}, as Stripe.js does.
     */
    public synchronized void confirmIntent(Exchange exchange, String id) {
        Optional<Map<String, Object>> found = intent(exchange, id, true);
        if (found.isEmpty()) {
            return;
        }
        Map<String, Object> intent = found.get();
        Map<String, String> form = FormBody.of(exchange);
        if (usesPublishableKey(exchange) && !intent.get("client_secret").equals(form.get("client_secret"))) {
            error(exchange, 401, "invalid_request_error", "client_secret_mismatch", "The client_secret does not match this PaymentIntent.", null);
            return;
        }
        if (!Set.of("requires_payment_method", "requires_confirmation").contains(intent.get("status"))) {
            error(exchange, 400, "invalid_request_error", "payment_intent_unexpected_state",
                    "This PaymentIntent's status is " + intent.get("status") + " and cannot be confirmed.", intent);
            return;
        }
        String method = form.get("payment_method");
        if (method == null || !PAYMENT_METHODS.contains(method)) {
            error(exchange, 400, "invalid_request_error", "resource_missing", "No such PaymentMethod: '" + method + "'", null);
            return;
        }
        intent.put("payment_method", method);
        intent.remove("next_action");
        switch (method) {
            case DECLINED -> {
                intent.put("status", "requires_payment_method");
                intent.put("last_payment_error", Map.of("type", "card_error", "code", "card_declined", "decline_code", "generic_decline",
                        "message", "Your card was declined."));
                store.put(KIND, id, intent);
                sendEvent("payment_intent.payment_failed", intent);
                error(exchange, 402, "card_error", "card_declined", "Your card was declined.", intent);
                return;
            }
            case THREE_D_SECURE -> {
                intent.put("status", "requires_action");
                intent.put("next_action", Map.of("type", "redirect_to_url",
                        "redirect_to_url", Map.of("url", baseUrl + "/sandbox/stripe/3ds/" + id, "return_url", "")));
                store.put(KIND, id, intent);
            }
            default -> succeed(intent);
        }
        SandboxResponses.reply(exchange, 200, intent);
    }

    /**
     * {@code POST /v1/payment_intents/{id}/cancel}: an intent that has taken no money can never take any; a succeeded or
     * already canceled one is refused with Stripe's error. Serialized with confirm, as Stripe makes them.
     */
    public synchronized void cancelIntent(Exchange exchange, String id) {
        Optional<Map<String, Object>> found = intent(exchange, id, false);
        if (found.isEmpty()) {
            return;
        }
        Map<String, Object> intent = found.get();
        if (!Set.of("requires_payment_method", "requires_confirmation", "requires_action").contains(intent.get("status"))) {
            error(exchange, 400, "invalid_request_error", "payment_intent_unexpected_state",
                    "You cannot cancel this PaymentIntent because it has a status of " + intent.get("status") + ".", intent);
            return;
        }
        intent.put("status", "canceled");
        intent.remove("next_action");
        intent.put("canceled_at", clock.instant().getEpochSecond());
        intent.put("cancellation_reason", "requested_by_customer");
        store.put(KIND, id, intent);
        SandboxResponses.reply(exchange, 200, intent);
    }

    /** The PaymentIntent a call names, for a caller with the right key; empty once the refusal or 404 is answered. */
    private Optional<Map<String, Object>> intent(Exchange exchange, String id, boolean publishableAllowed) {
        if (refused(exchange, publishableAllowed)) {
            return Optional.empty();
        }
        Optional<Map<String, Object>> found = store.get(KIND, id);
        if (found.isEmpty()) {
            missing(exchange, id);
        }
        return found;
    }

    /** {@code POST /sandbox/stripe/3ds/{id}}: the cardholder passes 3-D Secure (or fails it with {@code outcome=fail}). */
    public synchronized void authenticate(Exchange exchange, String id) {
        if (off(exchange)) {
            return;
        }
        Optional<Map<String, Object>> found = store.get(KIND, id);
        if (found.isEmpty() || !"requires_action".equals(found.get().get("status"))) {
            error(exchange, 400, "invalid_request_error", "payment_intent_unexpected_state", "Nothing to authenticate for " + id, null);
            return;
        }
        Map<String, Object> intent = found.get();
        intent.remove("next_action");
        if ("fail".equals(FormBody.of(exchange).get("outcome"))) {
            intent.put("status", "requires_payment_method");
            intent.put("last_payment_error", Map.of("type", "card_error", "code", "payment_intent_authentication_failure",
                    "message", "The cardholder did not complete 3-D Secure."));
            store.put(KIND, id, intent);
            sendEvent("payment_intent.payment_failed", intent);
        } else {
            succeed(intent);
        }
        SandboxResponses.reply(exchange, 200, intent);
    }

    /** {@code POST /v1/refunds}: payment_intent, optional amount (default: what is left); never more than was received. */
    public void refund(Exchange exchange) {
        if (refusedOrReplayed(exchange)) {
            return;
        }
        String key = exchange.getMessage().getHeader("Idempotency-Key", String.class);
        Map<String, String> form = FormBody.of(exchange);
        String id = form.get("payment_intent");
        Optional<Map<String, Object>> found = id == null ? Optional.empty() : store.get(KIND, id);
        if (found.isEmpty()) {
            missing(exchange, id);
            return;
        }
        Map<String, Object> intent = found.get();
        if (!"succeeded".equals(intent.get("status"))) {
            error(exchange, 400, "invalid_request_error", "charge_not_succeeded", "This PaymentIntent has not succeeded.", null);
            return;
        }
        long received = number(intent.get("amount_received"));
        long refunded = number(intent.get("amount_refunded"));
        long amount;
        try {
            amount = form.containsKey("amount") ? Long.parseLong(form.get("amount")) : received - refunded;
        } catch (NumberFormatException e) {
            invalid(exchange, "amount", "Invalid integer: " + form.get("amount"));
            return;
        }
        if (amount <= 0 || refunded + amount > received) {
            error(exchange, 400, "invalid_request_error", refunded >= received ? "charge_already_refunded" : "amount_too_large",
                    "Refund amount (" + amount + ") is greater than the unrefunded amount (" + (received - refunded) + ").", null);
            return;
        }
        intent.put("amount_refunded", refunded + amount);
        store.put(KIND, id, intent);
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("id", "re_" + token(12));
        refund.put("object", "refund");
        refund.put("amount", amount);
        refund.put("currency", intent.get("currency"));
        refund.put("payment_intent", id);
        refund.put("charge", intent.get("latest_charge"));
        refund.put("status", "succeeded");
        refund.put("created", clock.instant().getEpochSecond());
        String response = org.camelshop.platform.Json.write(refund);
        store.remember("stripe", key, response);
        Map<String, Object> charge = new LinkedHashMap<>();
        charge.put("id", intent.get("latest_charge"));
        charge.put("object", "charge");
        charge.put("payment_intent", id);
        charge.put("amount", received);
        charge.put("amount_refunded", refunded + amount);
        charge.put("refunded", refunded + amount == received);
        charge.put("currency", intent.get("currency"));
        charge.put("metadata", intent.get("metadata"));
        sendEvent("charge.refunded", charge);
        SandboxResponses.reply(exchange, 200, response);
    }

    private void succeed(Map<String, Object> intent) {
        intent.put("status", "succeeded");
        intent.put("amount_received", intent.get("amount"));
        intent.put("latest_charge", "ch_" + token(12));
        intent.remove("last_payment_error");
        store.put(KIND, (String) intent.get("id"), intent);
        sendEvent("payment_intent.succeeded", intent);
    }

    private void sendEvent(String type, Map<String, Object> object) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_" + token(12));
        event.put("object", "event");
        event.put("api_version", apiVersion);
        event.put("created", clock.instant().getEpochSecond());
        event.put("type", type);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("data", Map.of("object", object));
        String payload = org.camelshop.platform.Json.write(event);
        webhooks.post(webhookUrl, payload, Map.of("Stripe-Signature", StripeSignature.header(payload, webhookSecret, clock.instant().getEpochSecond())));
    }

    /** Answers for the sandbox when it is switched to failing or the caller has no valid key; true if it did. */
    private boolean refused(Exchange exchange, boolean publishableAllowed) {
        if (off(exchange)) {
            return true;
        }
        if (store.failing("stripe")) {
            error(exchange, 500, "api_error", null, "The sandbox was switched to failing (PUT /sandbox/control).", null);
            return true;
        }
        String authorization = exchange.getMessage().getHeader("Authorization", "", String.class);
        boolean secret = authorization.equals("Bearer " + secretKey);
        if (!secret && !(publishableAllowed && usesPublishableKey(exchange))) {
            error(exchange, 401, "invalid_request_error", null, "Invalid API Key provided.", null);
            return true;
        }
        return false;
    }

    /** Not serving: credentials are set for Stripe, or the profile has no sandbox (aws). */
    private boolean off(Exchange exchange) {
        if (!active) {
            error(exchange, 404, "invalid_request_error", null, "The Stripe sandbox is off.", null);
        }
        return !active;
    }

    private boolean usesPublishableKey(Exchange exchange) {
        return exchange.getMessage().getHeader("Authorization", "", String.class).equals("Bearer " + publishableKey);
    }

    private static void missing(Exchange exchange, String id) {
        error(exchange, 404, "invalid_request_error", "resource_missing", "No such payment_intent: '" + id + "'", null);
    }

    private static void invalid(Exchange exchange, String param, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "invalid_request_error");
        error.put("param", param);
        error.put("message", message);
        SandboxResponses.reply(exchange, 400, Map.of("error", error));
    }

    private static void error(Exchange exchange, int status, String type, String code, String message, Map<String, Object> intent) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", message);
        if (intent != null) {
            error.put("payment_intent", intent);
        }
        SandboxResponses.reply(exchange, status, Map.of("error", error));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** Answers a refusal, or the first answer to a write whose Idempotency-Key was seen: true if it answered. */
    private boolean refusedOrReplayed(Exchange exchange) {
        if (refused(exchange, false)) {
            return true;
        }
        Optional<String> replay = store.replay("stripe", exchange.getMessage().getHeader("Idempotency-Key", String.class));
        replay.ifPresent(answer -> SandboxResponses.reply(exchange, 200, answer));
        return replay.isPresent();
    }
}
