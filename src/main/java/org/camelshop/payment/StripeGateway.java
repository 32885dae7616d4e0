package org.camelshop.payment;

import java.util.Locale;
import java.util.Map;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import org.camelshop.order.Order;
import org.camelshop.platform.ApiException;

/**
 * Stripe through the official stripe-java SDK ({@link StripeClient}); in sandbox mode its API base is the shop's own
 * /sandbox/stripe, so exactly this code runs locally and in tests. Every create and refund carries a Stripe idempotency key
 * derived from what it is for, so a retried call never makes a second intent or a second refund. Called only inside the
 * stripe-breaker circuitBreaker EIP.
 */
public final class StripeGateway implements CancellableProvider {

    /** What the browser needs to confirm the payment with Stripe.js (or the sandbox's test-card form). */
    public record Intent(String id, String clientSecret, long amount, String currency, String status) {
    }

    /** One refund at the provider. */
    public record RefundResult(String id, long amount, String status) {
    }

    private final PaymentSettings.Stripe settings;
    private final StripeClient client;

    public StripeGateway(PaymentSettings.Stripe settings) {
        this.settings = settings;
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(settings.secretKey())
                // retries belong to the queue and the breaker, where they are counted
                .setMaxNetworkRetries(0).setConnectTimeout(5_000).setReadTimeout(20_000);
        if (settings.apiBase() != null) {
            builder.setApiBase(settings.apiBase());
        }
        this.client = settings.enabled() ? builder.build() : null;
    }

    public PaymentSettings.Stripe settings() {
        return settings;
    }

    /** One PaymentIntent per order: the idempotency key makes a repeated request return the same intent. */
    public Intent createIntent(Order order) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(order.total()).setCurrency(order.currency().toLowerCase(Locale.ROOT))
                .setDescription("Order " + order.orderNumber())
                .putAllMetadata(Map.of("order_id", order.orderId(), "order_number", order.orderNumber()))
                .build();
        PaymentIntent intent = call(() -> client().paymentIntents().create(params, options("order-" + order.orderId() + "-intent")));
        return new Intent(intent.getId(), intent.getClientSecret(), intent.getAmount(), intent.getCurrency(), intent.getStatus());
    }

    /** Where the PaymentIntent stands; the payment processor and the confirm call both decide from this. */
    @Override
    public PaymentCheck check(String paymentIntentId) {
        PaymentIntent intent = call(() -> client().paymentIntents().retrieve(paymentIntentId));
        PaymentCheck.Outcome outcome = switch (intent.getStatus()) {
            case "succeeded" -> PaymentCheck.Outcome.SUCCEEDED;
            case "requires_action" -> PaymentCheck.Outcome.ACTION_REQUIRED;
            case "requires_payment_method" -> intent.getLastPaymentError() != null ? PaymentCheck.Outcome.DECLINED : PaymentCheck.Outcome.PENDING;
            default -> PaymentCheck.Outcome.PENDING;
        };
        long amount = outcome == PaymentCheck.Outcome.SUCCEEDED && intent.getAmountReceived() != null ? intent.getAmountReceived() : intent.getAmount();
        String failure = intent.getLastPaymentError() != null ? intent.getLastPaymentError().getMessage() : null;
        String next = intent.getNextAction() != null && intent.getNextAction().getRedirectToUrl() != null
                ? intent.getNextAction().getRedirectToUrl().getUrl() : null;
        return new PaymentCheck("stripe", intent.getId(), intent.getMetadata() == null ? null : intent.getMetadata().get("order_id"), outcome,
                amount, intent.getCurrency(), intent.getId(), failure, next);
    }

    /**
     * Cancels a PaymentIntent so it can never take money, and says where it stands then: canceled, or succeeded if the
     * buyer paid it first (Stripe refuses to cancel a succeeded or already canceled intent; that refusal is no failure).
     */
    @Override
    public PaymentCheck cancel(String paymentIntentId) {
        try {
            call(() -> client().paymentIntents().cancel(paymentIntentId, options("cancel-" + paymentIntentId)));
        } catch (PaymentRefused e) {
            // already final: the check below tells which
        }
        return check(paymentIntentId);
    }

    /** Refunds {@code amount} cents of the PaymentIntent; {@code key} identifies this refund for Stripe's idempotency. */
    public RefundResult refund(String paymentIntentId, long amount, String key) {
        RefundCreateParams params = RefundCreateParams.builder().setPaymentIntent(paymentIntentId).setAmount(amount).build();
        Refund refund = call(() -> client().refunds().create(params, options(key)));
        return new RefundResult(refund.getId(), refund.getAmount(), refund.getStatus());
    }

    @Override
    public RefundResult refund(Refunds.Plan plan) {
        return refund(plan.paymentId(), plan.amount(), plan.key());
    }

    private StripeClient client() {
        if (client == null) {
            throw new ApiException(503, "provider_not_configured", "Card payments are not configured", java.util.List.of(), Map.of("Retry-After", "3600"));
        }
        return client;
    }

    private static RequestOptions options(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    /** A refusal (4xx) is an answer for the caller; a failure to answer (network, 5xx, our key rejected) is an outage. */
    private static <T> T call(StripeCall<T> call) {
        try {
            return call.call();
        } catch (CardException e) {
            throw new PaymentRefused(402, "card_declined", e.getStripeError() != null ? e.getStripeError().getMessage() : "Your card was declined");
        } catch (ApiConnectionException | AuthenticationException e) {
            throw new ProviderUnavailable("stripe", e.getMessage(), e);
        } catch (StripeException e) {
            Integer status = e.getStatusCode();
            if (status != null && status >= 400 && status < 500 && status != 429) {
                throw new PaymentRefused(status == 404 ? 404 : 409, "stripe_" + (e.getCode() == null ? "refused" : e.getCode()),
                        e.getStripeError() != null ? e.getStripeError().getMessage() : e.getMessage());
            }
            throw new ProviderUnavailable("stripe", e.getMessage(), e);
        }
    }
}
