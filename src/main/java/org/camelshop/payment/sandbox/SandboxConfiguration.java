package org.camelshop.payment.sandbox;

import java.time.Clock;

import com.stripe.Stripe;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.camelshop.payment.PaymentSettings;
import org.camelshop.platform.RedisConnection;
import org.camelshop.platform.ShopSettings;

/**
 * Binds the sandbox's beans (payment-sandbox.yaml). They always exist where the sandbox's routes are loaded, but
 * answer 404 unless the sandbox is active. Runs after the shop's configuration, whose Redis connection it shares.
 */
public class SandboxConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        PaymentSettings settings = PaymentSettings.from(ShopSettings.of(context));
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        SandboxStore store = new SandboxStore(context.hasService(RedisConnection.class));
        String base = settings.sandboxBaseUrl();
        registry.bind("stripeSandbox", new StripeSandbox(settings.stripe().sandbox(), store, settings.stripe().secretKey(),
                settings.stripe().publishableKey(), settings.stripe().webhookSecret(), base, base + "/api/payment/webhook/stripe",
                Stripe.API_VERSION, clock));
        registry.bind("paypalSandbox", new PayPalSandbox(settings.paypal().sandbox(), store, settings.paypal().clientId(),
                settings.paypal().clientSecret(), settings.paypal().webhookId(), base, base + "/api/payment/webhook/paypal", clock));
        registry.bind("sandboxControl", new SandboxControl(settings.sandboxActive(), store));
    }
}
