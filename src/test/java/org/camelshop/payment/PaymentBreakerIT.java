package org.camelshop.payment;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Stripe breaker on a shop of its own, whose breaker waits 2 s in the open state instead of 60 (same code, shorter
 * setting): the sandbox made to fail opens it after the 5th failure, it then answers 503 with Retry-After without calling
 * Stripe, goes half-open after the wait and closes on the first success. The second shop serves only the API and the
 * sandbox (no queue consumers: a stopped consumer's long poll could swallow a later test's message); the order is placed
 * and reserved through the shared shop, on the same stack.
 */
@ExtendWith(LocalStackExtension.class)
class PaymentBreakerIT {

    /** Limits of its own (a namespace of its own, as other tests share Redis), and a 2 s open state. */
    private static final Map<String, String> SETTINGS = Map.of("shop.breaker.open-seconds", "2",
            "shop.rate-limit.namespace", "payment-breaker-" + java.util.UUID.randomUUID(), "shop.rate-limit.payment.limit", "1000",
            "shop.rate-limit.login.limit", "1000", "shop.rate-limit.admin.limit", "1000", "shop.rate-limit.public.limit", "1000000",
            "camel.main.routesIncludePattern", "classpath:routes/platform.yaml,classpath:routes/payments.yaml,classpath:routes/payment-providers.yaml");

    @Test
    void theStripeBreakerOpensAfterFiveFailuresAnswersFastThenRecovers(LocalStack stack, RunningShop shared) {
        Checkout checkout = new Checkout(shared);
        String orderId = checkout.orderAwaitingPayment("stripe", 1, checkout.product(1900, 5, false));
        String body = "{\"order_id\":\"" + orderId + "\"}";
        try (RunningShop shop = RunningShop.start(stack.ports(), SETTINGS)) {
            checkout.sandboxFailing("stripe", true);
            try {
                for (int i = 1; i <= 5; i++) {
                    HttpResponse<String> failed = shop.call("POST", "/api/payment/stripe/intent", body, checkout.shopper);
                    assertEquals(503, failed.statusCode(), "failure " + i + ": " + failed.body());
                    assertEquals("payment_provider_unavailable", json(failed).get("error").asText());
                }
                assertEquals(2.0, shop.metric("shop_breaker_state", "breaker=\"stripe\""), "open after the 5th failure");
                assertEquals(1.0, shop.metric("shop_breaker_trips_total", "breaker=\"stripe\""));
                assertEquals("OPEN", readiness(shop, "stripe-breaker"), "readiness reports the open breaker");
                assertEquals(200, shop.get("/observe/health/ready").statusCode(), "and stays ready: the rest of the shop works");

                HttpResponse<String> refused = shop.call("POST", "/api/payment/stripe/intent", body, checkout.shopper);

                assertEquals(503, refused.statusCode(), refused.body());
                assertEquals("2", refused.headers().firstValue("Retry-After").orElseThrow());
                assertTrue(json(refused).get("message").asText().contains("not answering"));
                // PayPal has a breaker of its own, still closed
                assertEquals(0.0, shop.metric("shop_breaker_state", "breaker=\"paypal\""));
            } finally {
                checkout.sandboxFailing("stripe", false);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> shop.metric("shop_breaker_state", "breaker=\"stripe\"") == 1.0);
            HttpResponse<String> recovered = shop.call("POST", "/api/payment/stripe/intent", body, checkout.shopper);

            assertEquals(200, recovered.statusCode(), recovered.body());
            assertEquals(0.0, shop.metric("shop_breaker_state", "breaker=\"stripe\""), "closed again");
            assertEquals("CLOSED", readiness(shop, "stripe-breaker"));
        }
    }

    /** The breaker state a readiness check reports in its message ("stripe circuit breaker OPEN: ..."). */
    private static String readiness(RunningShop shop, String check) {
        for (var entry : json(shop.observe("/observe/health/ready")).get("checks")) {
            if (check.equals(entry.get("name").asText())) {
                return entry.path("message").asText("").replaceFirst("^\\S+ circuit breaker (\\S+?):?( .*)?$", "$1");
            }
        }
        return "missing";
    }
}
