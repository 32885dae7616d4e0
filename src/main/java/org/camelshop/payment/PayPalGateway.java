package org.camelshop.payment;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.paypal.sdk.Environment;
import com.paypal.sdk.PaypalServerSdkClient;
import com.paypal.sdk.authentication.ClientCredentialsAuthManager;
import com.paypal.sdk.authentication.ClientCredentialsAuthModel;
import com.paypal.sdk.exceptions.ErrorException;
import com.paypal.sdk.models.AmountWithBreakdown;
import com.paypal.sdk.models.CaptureOrderInput;
import com.paypal.sdk.models.CaptureStatus;
import com.paypal.sdk.models.CheckoutPaymentIntent;
import com.paypal.sdk.models.CreateOrderInput;
import com.paypal.sdk.models.GetOrderInput;
import com.paypal.sdk.models.LinkDescription;
import com.paypal.sdk.models.Money;
import com.paypal.sdk.models.OAuthToken;
import com.paypal.sdk.models.OrderRequest;
import com.paypal.sdk.models.OrderStatus;
import com.paypal.sdk.models.OrdersCapture;
import com.paypal.sdk.models.PurchaseUnit;
import com.paypal.sdk.models.PurchaseUnitRequest;
import com.paypal.sdk.models.RefundCapturedPaymentInput;
import com.paypal.sdk.models.RefundRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.camelshop.order.Order;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.Json;

/**
 * PayPal through its current official server SDK, paypal-server-sdk (Orders v2, Payments v2, OAuth2 client credentials).
 * The SDK knows only its SANDBOX and PRODUCTION hosts; for the built-in sandbox it gets an OkHttp client whose interceptor
 * sends each request to /sandbox/paypal on the shop instead (same path and query), so this code runs unchanged locally.
 * Creates, captures and refunds carry a {@code PayPal-Request-Id}, PayPal's idempotency key. The SDK has no webhook
 * verification call, so that one goes through the same OkHttp client with the SDK's OAuth token. Called only inside the
 * paypal-breaker circuitBreaker EIP.
 */
public final class PayPalGateway implements PaymentProvider {

    /** A PayPal order waiting for the buyer's approval. */
    public record Created(String id, String status, String approveUrl) {
    }

    /** The parts of a webhook delivery PayPal's verification API needs. */
    public record WebhookDelivery(String transmissionId, String transmissionTime, String transmissionSig, String certUrl, String authAlgo,
                                  JsonNode event) {
    }

    private static final MediaType JSON = MediaType.get("application/json");
    private final PaymentSettings.PayPal settings;
    private final OkHttpClient http;
    private final PaypalServerSdkClient client;
    private volatile OAuthToken token;

    public PayPalGateway(PaymentSettings.PayPal settings) {
        this.settings = settings;
        OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(java.time.Duration.ofSeconds(5))
                .readTimeout(java.time.Duration.ofSeconds(20));
        if (settings.baseUrlOverride() != null) {
            String override = settings.baseUrlOverride();
            http.addInterceptor(chain -> {
                HttpUrl base = HttpUrl.get(override); // parsed per call: the port may only be known once the server is up
                HttpUrl original = chain.request().url();
                HttpUrl.Builder target = base.newBuilder().encodedQuery(original.encodedQuery());
                original.pathSegments().stream().filter(s -> !s.isEmpty()).forEach(target::addPathSegment);
                return chain.proceed(chain.request().newBuilder().url(target.build()).build());
            });
        }
        this.http = http.build();
        this.client = !settings.enabled() ? null : new PaypalServerSdkClient.Builder()
                .environment("production".equalsIgnoreCase(settings.environment()) ? Environment.PRODUCTION : Environment.SANDBOX)
                .clientCredentialsAuth(new ClientCredentialsAuthModel.Builder(settings.clientId(), settings.clientSecret()).build())
                // retries belong to the queue and the breaker, where they are counted
                .httpClientConfig(config -> config.timeout(20).numberOfRetries(0).httpClientInstance(this.http, false))
                .build();
    }

    public PaymentSettings.PayPal settings() {
        return settings;
    }

    /** A PayPal order for the shop order's total; the request id makes a repeated call return the same PayPal order. */
    public Created createOrder(Order order) {
        PurchaseUnitRequest unit = new PurchaseUnitRequest.Builder(new AmountWithBreakdown.Builder(currency(order.currency()), value(order.total())).build())
                .referenceId(order.orderId()).customId(order.orderId()).description("Order " + order.orderNumber()).build();
        OrderRequest request = new OrderRequest.Builder(CheckoutPaymentIntent.CAPTURE, List.of(unit)).build();
        com.paypal.sdk.models.Order created = call(() -> client().getOrdersController().createOrder(
                new CreateOrderInput.Builder(null, request).paypalRequestId("order-" + order.orderId() + "-create").build()).getResult());
        String approve = created.getLinks() == null ? null : created.getLinks().stream().filter(l -> "approve".equals(l.getRel()))
                .map(LinkDescription::getHref).findFirst().orElse(null);
        return new Created(created.getId(), created.getStatus().value(), approve);
    }

    /** Captures an approved PayPal order; repeating it with the same order id is harmless (same request id). */
    public PaymentCheck capture(String paypalOrderId) {
        return toCheck(paypalOrderId, call(() -> client().getOrdersController().captureOrder(
                new CaptureOrderInput.Builder(paypalOrderId, null).paypalRequestId("capture-" + paypalOrderId).build()).getResult()));
    }

    /** Where the PayPal order stands (the payment processor's verification). */
    @Override
    public PaymentCheck check(String paypalOrderId) {
        return toCheck(paypalOrderId, call(() -> client().getOrdersController().getOrder(new GetOrderInput.Builder(paypalOrderId).build()).getResult()));
    }

    /** Refunds {@code amount} cents of a capture; {@code key} is the PayPal-Request-Id of this refund. */
    public StripeGateway.RefundResult refund(String captureId, long amount, String currency, String key) {
        RefundRequest request = new RefundRequest.Builder().amount(new Money.Builder(currency(currency), value(amount)).build()).build();
        com.paypal.sdk.models.Refund refund = call(() -> client().getPaymentsController().refundCapturedPayment(
                new RefundCapturedPaymentInput.Builder(captureId, null).body(request).paypalRequestId(key).build()).getResult());
        return new StripeGateway.RefundResult(refund.getId(), cents(refund.getAmount().getValue()), refund.getStatus().value());
    }

    @Override
    public StripeGateway.RefundResult refund(Refunds.Plan plan) {
        return refund(plan.paymentId(), plan.amount(), plan.currency(), plan.key());
    }

    /** PayPal's verification API ({@code POST /v1/notifications/verify-webhook-signature}): true only for SUCCESS. */
    public boolean verifyWebhook(WebhookDelivery delivery) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auth_algo", delivery.authAlgo());
        body.put("cert_url", delivery.certUrl());
        body.put("transmission_id", delivery.transmissionId());
        body.put("transmission_sig", delivery.transmissionSig());
        body.put("transmission_time", delivery.transmissionTime());
        body.put("webhook_id", settings.webhookId());
        body.put("webhook_event", delivery.event());
        client();
        Request request = new Request.Builder().url(client.getBaseUri() + "/v1/notifications/verify-webhook-signature")
                .header("Authorization", "Bearer " + accessToken())
                .post(RequestBody.create(Json.write(body), JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (response.code() >= 500 || response.code() == 401 || response.code() == 429) {
                throw new ProviderUnavailable("paypal", "webhook verification answered " + response.code(), null);
            }
            if (response.code() >= 400) {
                return false;
            }
            return "SUCCESS".equals(Json.mapper().readTree(text).path("verification_status").asText());
        } catch (IOException e) {
            throw new ProviderUnavailable("paypal", e.getMessage(), e);
        }
    }

    private String accessToken() {
        OAuthToken current = token;
        ClientCredentialsAuthManager auth = (ClientCredentialsAuthManager) client.getClientCredentialsAuth();
        if (current == null || auth.isTokenExpired(current)) {
            current = call(auth::fetchToken);
            token = current;
        }
        return current.getAccessToken();
    }

    private static PaymentCheck toCheck(String paypalOrderId, com.paypal.sdk.models.Order order) {
        PurchaseUnit unit = order.getPurchaseUnits() == null || order.getPurchaseUnits().isEmpty() ? null : order.getPurchaseUnits().get(0);
        String orderId = unit == null ? null : Optional.ofNullable(unit.getCustomId()).orElse(unit.getReferenceId());
        Optional<OrdersCapture> capture = unit == null || unit.getPayments() == null || unit.getPayments().getCaptures() == null
                ? Optional.empty() : unit.getPayments().getCaptures().stream().findFirst();
        if (capture.isPresent()) {
            OrdersCapture c = capture.get();
            PaymentCheck.Outcome outcome = c.getStatus() == CaptureStatus.COMPLETED || c.getStatus() == CaptureStatus.PARTIALLY_REFUNDED
                    || c.getStatus() == CaptureStatus.REFUNDED ? PaymentCheck.Outcome.SUCCEEDED
                    : c.getStatus() == CaptureStatus.DECLINED || c.getStatus() == CaptureStatus.FAILED ? PaymentCheck.Outcome.DECLINED
                    : PaymentCheck.Outcome.PENDING;
            return new PaymentCheck("paypal", paypalOrderId, orderId, outcome, cents(c.getAmount().getValue()),
                    c.getAmount().getCurrencyCode().toLowerCase(Locale.ROOT), c.getId(), outcome == PaymentCheck.Outcome.DECLINED ? "capture declined" : null, null);
        }
        PaymentCheck.Outcome outcome = order.getStatus() == OrderStatus.CREATED || order.getStatus() == OrderStatus.PAYER_ACTION_REQUIRED
                ? PaymentCheck.Outcome.ACTION_REQUIRED : PaymentCheck.Outcome.PENDING;
        long amount = unit == null ? 0 : cents(unit.getAmount().getValue());
        String currency = unit == null ? null : unit.getAmount().getCurrencyCode().toLowerCase(Locale.ROOT);
        return new PaymentCheck("paypal", paypalOrderId, orderId, outcome, amount, currency, null, null, null);
    }

    private PaypalServerSdkClient client() {
        if (client == null) {
            throw new ApiException(503, "provider_not_configured", "PayPal payments are not configured", List.of(), Map.of("Retry-After", "3600"));
        }
        return client;
    }

    static String currency(String currency) {
        return currency.toUpperCase(Locale.ROOT);
    }

    static String value(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    static long cents(String value) {
        return new BigDecimal(value).movePointRight(2).longValueExact();
    }

    @FunctionalInterface
    private interface PayPalCall<T> {
        T call() throws com.paypal.sdk.exceptions.ApiException, IOException;
    }

    /** A refusal (422, 400, 404) is an answer for the caller; a failure to answer (network, 5xx, 401, 429) is an outage. */
    private static <T> T call(PayPalCall<T> call) {
        try {
            return call.call();
        } catch (com.paypal.sdk.exceptions.ApiException e) {
            int status = e.getResponseCode();
            if (status >= 400 && status < 500 && status != 401 && status != 429) {
                String issue = e instanceof ErrorException error && error.getDetails() != null && !error.getDetails().isEmpty()
                        ? error.getDetails().get(0).getIssue() : "REFUSED";
                throw switch (issue) {
                    case "INSTRUMENT_DECLINED" -> new PaymentRefused(402, "payment_declined", "PayPal declined the payment; choose another way to pay");
                    case "ORDER_NOT_APPROVED" -> new PaymentRefused(409, "paypal_not_approved", "The buyer has not approved this PayPal order yet");
                    case "REFUND_AMOUNT_EXCEEDED" -> new PaymentRefused(409, "refund_exceeds_payment", "PayPal refused: more than is left to refund");
                    default -> new PaymentRefused(status == 404 ? 404 : 409, "paypal_" + issue.toLowerCase(Locale.ROOT), "PayPal refused: " + issue);
                };
            }
            throw new ProviderUnavailable("paypal", "answered " + status, e);
        } catch (IOException e) {
            throw new ProviderUnavailable("paypal", e.getMessage(), e);
        }
    }
}
