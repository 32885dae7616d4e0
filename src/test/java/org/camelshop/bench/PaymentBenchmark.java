package org.camelshop.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;
import org.camelshop.local.StackPorts;

/**
 * Paid orders per second end to end through the payments sandbox (PaymentIntent → card confirmed as Stripe.js would →
 * confirm call → payment-processing-queue → verified with the sandbox → order confirmed), with the orders placed and
 * reserved beforehand; then the latency of the 503 the payment API answers while the Stripe breaker is open.
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.camelshop.bench.PaymentBenchmark
 * -Dexec.args="400 8 2000"} (orders, concurrency, fallback calls).
 */
public final class PaymentBenchmark {

    private static final String ADDRESS = "{\"name\":\"Bench\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    private static final String PLACEMENT = "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
            + ",\"payment_method\":\"stripe\",\"accept_terms\":true}";

    private PaymentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int fallbackCalls = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = BenchShop.start(stack, Map.of())) {
            String productId = RunningShop.json(shop.call("POST", "/api/products", "{\"name\":\"Bench Mug\",\"price\":1500,"
                    + "\"category\":\"Merchandise\",\"sku\":\"PAYBENCH-1\",\"stock_quantity\":1000000}", shop.loginAdmin())).get("product_id").asText();
            List<String> shoppers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                shoppers.add(shop.newShopper("Bench"));
            }
            if (orders > 0) {
                run(shop, productId, shoppers, Math.min(40, orders)); // warm-up
                long[] paid = run(shop, productId, shoppers, orders);
                System.out.printf("paid end to end: %d orders, concurrency %d: %.1f paid orders/s, p50 %d ms, p95 %d ms, p99 %d ms (intent to confirmed)%n",
                        orders, concurrency, orders / (paid[0] / 1000.0), paid[1], paid[2], paid[3]);
            }
            fallback(shop, shoppers.get(0), productId, fallbackCalls);
        }
        System.exit(0);
    }

    /** Places and reserves the orders, then pays them all; returns {wall ms, p50, p95, p99} of the payment part. */
    private static long[] run(RunningShop shop, String productId, List<String> shoppers, int orders) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(shoppers.size());
        try {
            List<Future<List<String>>> placing = new ArrayList<>();
            for (int t = 0; t < shoppers.size(); t++) {
                String shopper = shoppers.get(t);
                int mine = orders / shoppers.size() + (t < orders % shoppers.size() ? 1 : 0);
                placing.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < mine; i++) {
                        shop.call("POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}", shopper);
                        ids.add(RunningShop.json(shop.call("POST", "/api/orders/create", PLACEMENT, shopper)).get("order_id").asText());
                    }
                    for (String id : ids) {
                        awaitStatus(shop, shopper, id, "awaiting_payment");
                    }
                    return ids;
                }));
            }
            List<List<String>> perShopper = new ArrayList<>();
            for (Future<List<String>> f : placing) {
                perShopper.add(f.get());
            }
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            List<Future<?>> paying = new ArrayList<>();
            for (int t = 0; t < shoppers.size(); t++) {
                String shopper = shoppers.get(t);
                List<String> ids = perShopper.get(t);
                paying.add(pool.submit(() -> {
                    for (String id : ids) {
                        long began = System.nanoTime();
                        pay(shop, shopper, id);
                        awaitStatus(shop, shopper, id, "confirmed");
                        latencies.add((System.nanoTime() - began) / 1_000_000);
                    }
                    return null;
                }));
            }
            for (Future<?> f : paying) {
                f.get();
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return new long[] {wall, p(sorted, 50), p(sorted, 95), p(sorted, 99)};
        } finally {
            pool.shutdown();
        }
    }

    private static void pay(RunningShop shop, String shopper, String orderId) {
        JsonNode intent = RunningShop.json(shop.call("POST", "/api/payment/stripe/intent", "{\"order_id\":\"" + orderId + "\"}", shopper));
        HttpResponse<String> card = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/sandbox/stripe/v1/payment_intents/"
                        + intent.get("payment_intent_id").asText() + "/confirm"))
                .header("Authorization", "Bearer pk_test_camelshop_sandbox").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("payment_method=pm_card_visa&client_secret=" + intent.get("client_secret").asText())));
        HttpResponse<String> confirmed = shop.call("POST", "/api/payment/stripe/confirm", "{\"order_id\":\"" + orderId + "\",\"payment_intent_id\":\""
                + intent.get("payment_intent_id").asText() + "\"}", shopper);
        if (card.statusCode() != 200 || confirmed.statusCode() != 202) {
            throw new IllegalStateException("payment failed: " + card.body() + " / " + confirmed.body());
        }
    }

    private static void awaitStatus(RunningShop shop, String shopper, String orderId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!status.equals(RunningShop.json(shop.call("GET", "/api/orders/" + orderId, null, shopper)).get("order_status").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("order " + orderId + " never became " + status);
            }
            Thread.sleep(20); // a benchmark's polling interval, not test synchronisation
        }
    }

    /** Opens the Stripe breaker through the sandbox's failure switch, then times the 503s (client side, one connection). */
    private static void fallback(RunningShop shop, String shopper, String productId, int calls) throws Exception {
        shop.call("POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}", shopper);
        String orderId = RunningShop.json(shop.call("POST", "/api/orders/create", PLACEMENT, shopper)).get("order_id").asText();
        awaitStatus(shop, shopper, orderId, "awaiting_payment");
        shop.call("PUT", "/sandbox/control", "{\"provider\":\"stripe\",\"failing\":true}", null);
        try {
            String body = "{\"order_id\":\"" + orderId + "\"}";
            for (int i = 0; i < 5; i++) {
                shop.call("POST", "/api/payment/stripe/intent", body, shopper);
            }
            List<Long> micros = new ArrayList<>();
            int warmUp = Math.max(200, calls / 2);
            for (int i = 0; i < calls + warmUp; i++) {
                long began = System.nanoTime();
                HttpResponse<String> refused = shop.call("POST", "/api/payment/stripe/intent", body, shopper);
                long took = (System.nanoTime() - began) / 1_000;
                if (refused.statusCode() != 503) {
                    throw new IllegalStateException("expected 503 from the open breaker, got " + refused.statusCode() + " " + refused.body());
                }
                if (i >= warmUp) {
                    micros.add(took); // the first ones warm up the path
                }
            }
            Collections.sort(micros);
            System.out.printf("open-breaker 503 (client round trip, %d calls): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", calls,
                    p(micros, 50) / 1000.0, p(micros, 99) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
        } finally {
            shop.call("PUT", "/sandbox/control", "{\"provider\":\"stripe\",\"failing\":false}", null);
        }
    }

    private static long p(List<Long> sorted, int percentile) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100));
    }
}
