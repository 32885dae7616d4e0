package org.camelshop.payment;

import java.time.Clock;

import org.apache.camel.spi.Registry;
import org.camelshop.catalog.ProductItems;
import org.camelshop.inventory.Inventory;
import org.camelshop.order.OrderRepository;
import org.camelshop.order.Orders;
import org.camelshop.platform.RedisConnection;
import org.camelshop.platform.ResponseCache;
import org.camelshop.platform.ShopMetrics;
import org.camelshop.platform.ShopSettings;
import org.camelshop.platform.provision.ResourcePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Binds the payment beans the routes call by name (payments.yaml, payment-processor.yaml). */
public final class PaymentWiring {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentWiring.class);

    private PaymentWiring() {
    }

    public static void bind(Registry registry, ShopSettings shop, ShopMetrics metrics, RedisConnection redis, DynamoDbClient dynamoDb,
            OrderRepository orderRepository, Orders orders, Inventory inventory, ProductItems productItems, ResponseCache cache,
            Clock clock) {
        PaymentSettings settings = PaymentSettings.from(shop);
        LOG.info("Payments: Stripe {}, PayPal {}", describe(settings.stripe().enabled(), settings.stripe().sandbox()),
                describe(settings.paypal().enabled(), settings.paypal().sandbox()));

        PaymentBreakers breakers = new PaymentBreakers(settings.breakers());
        breakers.bind(registry, metrics);
        registry.bind("paymentBreakers", breakers);
        registry.bind("stripeGateway", new StripeGateway(settings.stripe()));
        registry.bind("paypalGateway", new PayPalGateway(settings.paypal()));

        OrderPayments orderPayments = new OrderPayments(dynamoDb, ResourcePlan.ORDERS, ResourcePlan.PRODUCTS, orderRepository, productItems,
                cache, clock);
        registry.bind("payments", new Payments(orders, orderPayments, settings));
        registry.bind("paymentProcessor", new PaymentProcessor(orderPayments, metrics));
        registry.bind("webhooks", new Webhooks(redis, dynamoDb, settings, metrics, clock));
        registry.bind("refunds", new Refunds(orderPayments, inventory));
    }

    private static String describe(boolean enabled, boolean sandbox) {
        return !enabled ? "off (no credentials)" : sandbox ? "sandbox" : "live";
    }
}
