package org.camelshop.payment.sandbox;

import java.time.Clock;

import com.stripe.Stripe;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.camelshop.payment.PaymentSettings;
import org.camelshop.platform.RedisConnection;
import org.camelshop.platform.ShopSettings;

/**
 * The payment sandbox in a shop started from the test class path (the README's run command, the tests): its beans and
 * its routes (routes/payment-sandbox.yaml, a test resource). The production jar has neither. The beans answer 404
 * unless the sandbox is active (PaymentSettings). Runs after the shop's configuration, whose Redis connection it shares.
 */
public class SandboxConfiguration implements CamelConfiguration {

    static final String ROUTES = "classpath:routes/payment-sandbox.yaml";

    /** Adds the sandbox to a shop built by ShopApplication.newMain, and lets providers without credentials use it. */
    public static void install(Main main) {
        main.configure().addConfiguration(SandboxConfiguration.class);
        main.addOverrideProperty("shop.payments.sandbox.allowed", "true");
    }

    @Override
    public void configure(CamelContext context) throws Exception {
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
        PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context).resolveResource(ROUTES));
    }
}
