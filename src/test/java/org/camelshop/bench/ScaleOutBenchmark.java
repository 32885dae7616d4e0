package org.camelshop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.NginxProxy;
import org.camelshop.local.RunningShop;
import org.camelshop.local.ShopProcess;
import org.camelshop.local.StackPorts;

/**
 * Cached reads/s and placed orders/s through nginx in front of 1, 2 and 3 shop instances (JVMs of their own) on one local
 * stack: {@code bench/main.sh ScaleOutBenchmark [seconds] [readers] [buyers]}. On one small machine every instance,
 * the emulators, nginx and the load share the same cores, so this shows where the box caps it, not the design.
 */
public final class ScaleOutBenchmark {

    private static final String ADDRESS = "{\"name\":\"Bench\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    private static final String PLACEMENT = "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
            + ",\"payment_method\":\"stripe\",\"accept_terms\":true,\"email\":\"bench@example.com\"}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ScaleOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int readers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int buyers = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Map<String, String> settings = Map.of("shop.http.trusted-proxies", "127.0.0.1/32", "shop.rate-limit.admin.limit", "100000");
        try (LocalStack stack = LocalStack.start(StackPorts.free())) {
            List<ShopProcess> shops = new ArrayList<>();
            try {
                for (int instances = 1; instances <= 3; instances++) {
                    shops.add(ShopProcess.start(stack.ports(), StackPorts.freePort(), settings,
                            Path.of("target", "scale-bench-shop-" + instances + ".log")).awaitReady());
                    try (NginxProxy proxy = NginxProxy.start(StackPorts.freePort(), shops.stream().map(ShopProcess::port).toList(),
                            Path.of("target", "scale-bench-nginx-" + instances))) {
                        String product = product(proxy);
                        load(proxy, readers, 5, () -> get(proxy, "/api/products/" + product)); // warm-up
                        double reads = load(proxy, readers, seconds, () -> get(proxy, "/api/products/" + product));
                        double orders = load(proxy, buyers, seconds, () -> buy(proxy, product));
                        System.out.printf("%d instance(s): %.0f cached reads/s (%d clients), %.1f orders placed/s (%d buyers)%n",
                                instances, reads, readers, orders, buyers);
                    }
                }
            } finally {
                for (ShopProcess shop : shops) {
                    shop.close();
                }
            }
        }
        System.exit(0);
    }

    /** Runs {@code task} from {@code clients} threads for {@code seconds}; returns successful tasks per second. */
    private static double load(NginxProxy proxy, int clients, int seconds, java.util.function.BooleanSupplier task) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    if (task.getAsBoolean()) {
                        done.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        return done.get() / (double) seconds;
    }

    private static boolean get(NginxProxy proxy, String path) {
        return send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + path)).header("X-Forwarded-For", client()).GET()) == 200;
    }

    private static boolean buy(NginxProxy proxy, String product) {
        String session = UUID.randomUUID().toString();
        String client = client();
        boolean added = send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/api/cart/add")).header("X-Session-Id", session)
                .header("X-Forwarded-For", client).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"product_id\":\"" + product + "\",\"quantity\":1}"))) == 200;
        return added && send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/api/orders/create")).header("X-Session-Id", session)
                .header("X-Forwarded-For", client).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(PLACEMENT))) == 202;
    }

    /** One of 500 shopper addresses, so the production limits apply per shopper as behind a real balancer. */
    private static String client() {
        return "198.18." + (1 + (int) (Math.random() * 2)) + "." + (1 + (int) (Math.random() * 250));
    }

    private static int send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static String product(NginxProxy proxy) {
        RunningShop viaProxy = RunningShop.at(Integer.parseInt(proxy.baseUrl().substring(proxy.baseUrl().lastIndexOf(':') + 1)));
        JsonNode created = RunningShop.json(viaProxy.call("POST", "/api/products", "{\"name\":\"Scale Bench Mug\",\"price\":1500,"
                + "\"category\":\"Merchandise\",\"sku\":\"SCALE-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"stock_quantity\":1000000}",
                viaProxy.loginAdmin()));
        return created.get("product_id").asText();
    }
}
