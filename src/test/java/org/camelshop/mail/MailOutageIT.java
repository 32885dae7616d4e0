package org.camelshop.mail;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;
import org.camelshop.local.StackPorts;
import org.junit.jupiter.api.Test;

/**
 * SES goes down with orders coming in: the breaker opens after 5 failed sends, mails are deferred (not dead-lettered)
 * while it is open, and once SES is back every order's mail arrives, once.
 */
class MailOutageIT {

    private static final int ORDERS = 8;
    private static final String ADDRESS = "{\"name\":\"Ann\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    private static final String PLACEMENT = "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
            + ",\"payment_method\":\"stripe\",\"accept_terms\":true,\"email\":\"outage@example.com\"}";

    @Test
    void mailsWaitOutAnSesOutageAndAllArriveOnceItEnds() {
        // a stack of its own: this test stops SES; no sample catalog, it sells a product of its own
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = RunningShop.start(stack.ports(), Map.of(
                     "shop.sample-catalog.load", "false",
                     "shop.queue.retry-base-seconds", "1",
                     // longer than a message's retries (1 s, then 4 s): a message that failed before the breaker opened
                     // has its last receive while it is still open (deferred), never in the half-open probe while SES may
                     // still be starting (that receive would go to the DLQ)
                     "shop.breaker.open-seconds", "6"))) {
            String productId = json(shop.call("POST", "/api/products", "{\"name\":\"Outage Candle\",\"price\":900,\"category\":\"Merchandise\","
                    + "\"sku\":\"OUT-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"stock_quantity\":100}", shop.loginAdmin()))
                    .get("product_id").asText();
            stack.stopChild("aws-ses-v2-local");

            List<String> orderNumbers = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                orderNumbers.add(guestBuys(shop, productId).get("order_number").asText());
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> shop.metric("shop_queue_failures_total", "outcome=\"deferred\"") > 0);

            try (LocalStack sesAgain = LocalStack.start(stack.ports())) { // starts only what is not serving: SES
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                        .until(() -> orderNumbers.stream().allMatch(n -> mailsAbout(shop, sesAgain, n) >= 1));
                orderNumbers.forEach(n -> assertEquals(1, mailsAbout(shop, sesAgain, n), "one mail for " + n));
            }
            assertEquals(0.0, shop.metric("shop_queue_failures_total", "outcome=\"dead_lettered\""), "no mail ended in the DLQ");
            assertTrue(shop.metric("shop_queue_failures_total", "outcome=\"retried\"") >= 5, "the breaker opened on failed sends");
        }
    }

    private static JsonNode guestBuys(RunningShop shop, String productId) {
        String session = UUID.randomUUID().toString();
        assertEquals(200, asGuest(shop, session, "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}").statusCode());
        HttpResponse<String> placed = asGuest(shop, session, "/api/orders/create", PLACEMENT);
        assertEquals(202, placed.statusCode(), placed.body());
        return json(placed);
    }

    private static HttpResponse<String> asGuest(RunningShop shop, String session, String path, String body) {
        return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).header("X-Session-Id", session)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static long mailsAbout(RunningShop shop, LocalStack stack, String orderNumber) {
        HttpResponse<String> store = shop.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().ses() + "/store")).GET());
        List<JsonNode> mails = new ArrayList<>();
        json(store).get("emails").forEach(mails::add);
        return mails.stream().filter(m -> m.get("subject").asText().contains(orderNumber)).count();
    }
}
