package org.camelshop.payment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.order.Order;
import org.camelshop.order.OrderStatus;
import org.camelshop.order.Orders;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.Json;
import org.camelshop.platform.SessionUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment API (seed "payment_api"). Each call is a few route steps around one provider call inside its circuit breaker
 * (routes/payments.yaml): {@link #order}, {@link #confirmation} and {@link #capture} check the caller may pay this order
 * (owner, admin, or guest with the order's token) and the route answers an Idempotency-Key replay; after the provider
 * call, {@link #intentCreated} / {@link #paypalCreated} answer the browser, and
 * {@link #paid} turns a provider's "succeeded" into the message for payment-processing-queue, a decline into payment_status
 * failed and a clear 402, and anything unfinished into a 409 saying what the buyer still has to do.
 */
public final class Payments {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OrderRef(String orderId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StripeConfirm(String orderId, String paymentIntentId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PayPalCapture(String orderId, String paypalOrderId) {
    }

    /** A payment the buyer says they made: the order and the provider's reference (PaymentIntent, PayPal order). */
    public record Attempt(Order order, String reference) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Payments.class);

    private final Orders orders;
    private final OrderPayments payments;
    private final PaymentSettings settings;

    public Payments(Orders orders, OrderPayments payments, PaymentSettings settings) {
        this.orders = orders;
        this.payments = payments;
        this.settings = settings;
    }

    /** {@code GET /api/payment/config}: what the checkout page needs to load Stripe.js / the PayPal SDK, or the sandbox form. */
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mode", settings.sandboxActive() ? "sandbox" : "live");
        Map<String, Object> stripe = new LinkedHashMap<>();
        stripe.put("enabled", settings.stripe().enabled());
        stripe.put("mode", settings.stripe().sandbox() ? "sandbox" : "live");
        stripe.put("publishable_key", settings.stripe().publishableKey());
        if (settings.stripe().sandbox()) {
            stripe.put("api_base", "/sandbox/stripe");
            stripe.put("test_cards", Map.of("4242424242424242", "pm_card_visa", "4000000000000002", "pm_card_chargeDeclined",
                    "4000002760003184", "pm_card_authenticationRequired"));
        }
        config.put("stripe", stripe);
        Map<String, Object> paypal = new LinkedHashMap<>();
        paypal.put("enabled", settings.paypal().enabled());
        paypal.put("mode", settings.paypal().sandbox() ? "sandbox" : "live");
        paypal.put("client_id", settings.paypal().clientId());
        config.put("paypal", paypal);
        return config;
    }

    /**
     * {@code POST /api/payment/stripe/intent} and {@code /paypal/create}: the order to pay, if the caller may see it
     * (owner, admin, or guest with its token: {@code headerToken}, else {@code linkToken}).
     */
    public Order order(OrderRef request, SessionUser user, String headerToken, String linkToken) {
        return orders.get(required("order_id", request.orderId()), user, headerToken, linkToken);
    }

    public Map<String, Object> intentCreated(Order order, StripeGateway.Intent intent) {
        recordAttempt(order, "stripe", intent.id());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("order_id", order.orderId());
        answer.put("payment_intent_id", intent.id());
        answer.put("client_secret", intent.clientSecret());
        answer.put("amount", intent.amount());
        answer.put("currency", intent.currency());
        answer.put("status", intent.status());
        answer.put("publishable_key", settings.stripe().publishableKey());
        return answer;
    }

    public Map<String, Object> paypalCreated(Order order, PayPalGateway.Created created) {
        recordAttempt(order, "paypal", created.id());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("order_id", order.orderId());
        answer.put("paypal_order_id", created.id());
        answer.put("status", created.status());
        answer.put("approve_url", created.approveUrl());
        return answer;
    }

    /** {@code POST /api/payment/stripe/confirm}: the buyer's order and the PaymentIntent the browser confirmed. */
    public Attempt confirmation(StripeConfirm request, SessionUser user, String headerToken, String linkToken) {
        String intent = required("payment_intent_id", request.paymentIntentId());
        if (!intent.matches("pi_[A-Za-z0-9_]{1,200}")) {
            throw ApiException.invalidField("payment_intent_id", "is not a PaymentIntent id");
        }
        return new Attempt(orders.get(required("order_id", request.orderId()), user, headerToken, linkToken), intent);
    }

    /**
     * {@code POST /api/payment/paypal/capture}: the buyer's order and the PayPal order they approved. Only an order
     * awaiting payment is captured ({@link #requirePayable}): once paid (by either provider) no other payment may take money.
     */
    public Attempt capture(PayPalCapture request, SessionUser user, String headerToken, String linkToken) {
        String paypalOrder = required("paypal_order_id", request.paypalOrderId());
        if (!paypalOrder.matches("[A-Za-z0-9-]{1,64}")) {
            throw ApiException.invalidField("paypal_order_id", "is not a PayPal order id");
        }
        return new Attempt(orders.get(required("order_id", request.orderId()), user, headerToken, linkToken), paypalOrder);
    }

    /**
     * Decides from the provider's answer: succeeded → the message for payment-processing-queue (the processor confirms the
     * order); declined → payment_status failed and a 402; anything else → a 409 naming what is missing.
     */
    public String paid(Order order, PaymentCheck check) {
        if (!order.orderId().equals(check.orderId())) {
            throw ApiException.conflict("payment_mismatch", "This payment belongs to another order");
        }
        if (!OrderStatus.AWAITING_PAYMENT.equals(order.orderStatus())) {
            // paid or cancelled before this payment: the processor cancels it or gives its money back; accepted() says so
            return Json.write(new PaymentMessage(order.orderId(), check.provider(), check.reference()));
        }
        switch (check.outcome()) {
            case SUCCEEDED -> {
                return Json.write(new PaymentMessage(order.orderId(), check.provider(), check.reference()));
            }
            case DECLINED -> {
                payments.markDeclined(order, check.failure());
                LOG.info("Payment for order {} declined ({}): {}", order.orderNumber(), check.provider(), check.failure());
                throw new PaymentRefused(402, "payment_declined", (check.failure() == null ? "The payment was declined" : check.failure())
                        + "; the order is still reserved for you, try another card or payment method");
            }
            case ACTION_REQUIRED -> throw new ApiException(409, "payment_action_required", "stripe".equals(check.provider())
                    ? "The card needs 3-D Secure authentication; complete it, then confirm again"
                    : "Approve the payment at PayPal first, then capture it", check.nextActionUrl() == null ? List.of()
                    : List.of(new ApiException.FieldProblem("next_action_url", check.nextActionUrl())));
            default -> throw ApiException.conflict("payment_incomplete", "The payment is not complete yet");
        }
    }

    /**
     * The 202 once the payment ({@code paymentId}, from the provider's check) is on its way to the processor. If the order
     * was paid by another payment (or cancelled) meanwhile, a 409: this payment is cancelled or refunded in full.
     */
    public Map<String, Object> accepted(Order placed, String paymentId) {
        Order order = payments.find(placed.orderId()).orElseThrow();
        boolean paidByThis = order.paymentId() != null && order.paymentId().equals(paymentId);
        if (!OrderStatus.AWAITING_PAYMENT.equals(order.orderStatus()) && !paidByThis) {
            throw notPayable(order, " This payment is cancelled, or refunded in full if it was taken.");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("order_id", order.orderId());
        answer.put("order_number", order.orderNumber());
        answer.put("status", "processing");
        answer.put("message", "Payment received; your order is being confirmed");
        return answer;
    }

    /** The order is waiting for payment: not still reserving stock, paid, or cancelled (each a 409 saying which). */
    public void requirePayable(Order order) {
        if (!OrderStatus.AWAITING_PAYMENT.equals(order.orderStatus())) {
            throw notPayable(order, "");
        }
    }

    private static ApiException notPayable(Order order, String more) {
        return switch (order.orderStatus()) {
            case OrderStatus.PENDING -> new ApiException(409, "order_not_ready", "The order's items are still being reserved; try again in a moment",
                    List.of(), Map.of("Retry-After", "1"));
            case OrderStatus.CANCELLED -> ApiException.conflict("order_cancelled", "This order was cancelled and can no longer be paid." + more);
            default -> ApiException.conflict("order_already_paid", "This order is already paid." + more);
        };
    }

    /** Notes a payment started for the order, so that once one is paid the others are cancelled; 409 if it was paid meanwhile. */
    private void recordAttempt(Order order, String provider, String reference) {
        if (!payments.recordAttempt(order, provider, reference)) {
            throw notPayable(payments.find(order.orderId()).orElseThrow(), "");
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        if (value.length() > 200) {
            throw ApiException.invalidField(field, "is too long");
        }
        return value;
    }
}
