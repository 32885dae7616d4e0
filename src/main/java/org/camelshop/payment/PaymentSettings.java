package org.camelshop.payment;

import java.util.Optional;

import org.camelshop.platform.ShopSettings;

/**
 * Where each provider is reached and with which credentials. Credentials come only from the environment
 * (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET, PAYPAL_WEBHOOK_ID). A provider without
 * credentials is served by the built-in sandbox where the profile allows it (local), and is switched off otherwise (aws).
 */
public record PaymentSettings(Stripe stripe, PayPal paypal, String sandboxBaseUrl, long webhookToleranceSeconds, Breakers breakers) {

    /** Stripe: the secret key, the key pages may see, the webhook signing secret, and the API base (null = api.stripe.com). */
    public record Stripe(boolean enabled, boolean sandbox, String secretKey, String publishableKey, String webhookSecret, String apiBase) {
    }

    /** PayPal: client credentials, the webhook id its verification API checks against, and the base URL override for the sandbox. */
    public record PayPal(boolean enabled, boolean sandbox, String clientId, String clientSecret, String webhookId, String environment,
                         String baseUrlOverride) {
    }

    /**
     * The providers' circuit breakers ({@code shop.breaker.*}): a time-based window of {@code windowSeconds} that opens at
     * {@code failureRatePercent} failures once it holds {@code minimumCalls} calls, stays open {@code openSeconds}, then lets
     * {@code halfOpenCalls} probe. The call timeout is read by routes/payment-providers.yaml itself.
     */
    public record Breakers(int windowSeconds, int minimumCalls, int failureRatePercent, int openSeconds, int halfOpenCalls) {

        static Breakers from(ShopSettings settings) {
            return new Breakers(settings.getInt("shop.breaker.window-seconds"), settings.getInt("shop.breaker.minimum-calls"),
                    settings.getInt("shop.breaker.failure-rate-percent"), settings.getInt("shop.breaker.open-seconds"),
                    settings.getInt("shop.breaker.half-open-calls"));
        }
    }

    /** Fixed, public values for the sandbox: they protect nothing real. */
    static final String SANDBOX_STRIPE_SECRET = "sk_test_camelshop_sandbox";
    static final String SANDBOX_STRIPE_PUBLISHABLE = "pk_test_camelshop_sandbox";
    static final String SANDBOX_PAYPAL_CLIENT = "camelshop-sandbox-client";
    static final String SANDBOX_PAYPAL_SECRET = "camelshop-sandbox-secret";
    static final String SANDBOX_PAYPAL_WEBHOOK_ID = "WH-CAMELSHOP-SANDBOX";

    public static PaymentSettings from(ShopSettings settings) {
        boolean sandboxAllowed = settings.getBoolean("shop.payments.sandbox.allowed");
        String sandboxBase = settings.get("shop.payments.sandbox.base-url", "http://127.0.0.1:8080");
        String webhookSecret = settings.get("shop.payments.sandbox.stripe-webhook-secret", "whsec_camelshop_sandbox");

        Optional<String> stripeKey = settings.find("shop.payments.stripe.secret-key");
        Stripe stripe = stripeKey.isPresent()
                ? new Stripe(true, false, stripeKey.get(), settings.get("shop.payments.stripe.publishable-key", ""),
                        settings.get("shop.payments.stripe.webhook-secret", ""), null)
                : new Stripe(sandboxAllowed, sandboxAllowed, SANDBOX_STRIPE_SECRET, SANDBOX_STRIPE_PUBLISHABLE, webhookSecret,
                        sandboxBase + "/sandbox/stripe");

        Optional<String> paypalId = settings.find("shop.payments.paypal.client-id");
        PayPal paypal = paypalId.isPresent()
                ? new PayPal(true, false, paypalId.get(), settings.get("shop.payments.paypal.client-secret", ""),
                        settings.get("shop.payments.paypal.webhook-id", ""), settings.get("shop.payments.paypal.environment"), null)
                : new PayPal(sandboxAllowed, sandboxAllowed, SANDBOX_PAYPAL_CLIENT, SANDBOX_PAYPAL_SECRET, SANDBOX_PAYPAL_WEBHOOK_ID, "sandbox",
                        sandboxBase + "/sandbox/paypal");
        return new PaymentSettings(stripe, paypal, sandboxBase, settings.getInt("shop.payments.webhook-tolerance-seconds"),
                Breakers.from(settings));
    }

    /** Whether the built-in sandbox answers for at least one provider. */
    public boolean sandboxActive() {
        return stripe.sandbox() || paypal.sandbox();
    }
}
