package org.camelshop.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;
import org.camelshop.local.StackPorts;
import org.camelshop.platform.AwsClients;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Orders per second end to end (create → stock reserved → order-received mail accepted by the SES emulator) with
 * p50/p95 latency, beside the raw rate of the same kinds of queue and table calls made with the plain SDK.
 * Everything runs on this machine: {@code bench/main.sh OrderPipelineBenchmark 600 16} (orders, concurrency).
 */
public final class OrderPipelineBenchmark {

    private static final String ADDRESS = "{\"name\":\"Bench\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
    private static final String PLACEMENT = "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
            + ",\"payment_method\":\"stripe\",\"accept_terms\":true,\"email\":\"bench@example.com\"}";

    private OrderPipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = RunningShop.start(stack.ports(), Map.of("shop.rate-limit.public.limit", "100000000",
                     "shop.rate-limit.cart.limit", "100000000", "shop.rate-limit.admin.limit", "100000000"))) {
            String productId = RunningShop.json(shop.call("POST", "/api/products", "{\"name\":\"Bench Mug\",\"price\":1500,"
                    + "\"category\":\"Merchandise\",\"sku\":\"BENCH-1\",\"stock_quantity\":1000000}", shop.loginAdmin())).get("product_id").asText();
            runOrders(shop, stack, productId, Math.min(100, orders), concurrency); // warm-up
            Result result = runOrders(shop, stack, productId, orders, concurrency);
            System.out.printf("end to end: %d orders, concurrency %d: %.1f orders/s, p50 %d ms, p95 %d ms, p99 %d ms%n",
                    orders, concurrency, result.perSecond(), result.p(50), result.p(95), result.p(99));
            printRouteTimes(shop);
            rawCeiling(stack, concurrency);
        }
        System.exit(0);
    }

    private record Result(double perSecond, List<Long> latencies) {
        long p(int percentile) {
            return latencies.get(Math.min(latencies.size() - 1, latencies.size() * percentile / 100));
        }
    }

    private static Result runOrders(RunningShop shop, LocalStack stack, String productId, int orders, int concurrency) throws Exception {
        String store = "http://127.0.0.1:" + stack.ports().ses();
        shop.send(HttpRequest.newBuilder(URI.create(store + "/clear-store")).POST(HttpRequest.BodyPublishers.noBody()));
        Map<String, String> tokens = new ConcurrentHashMap<>();
        ExecutorService buyers = Executors.newFixedThreadPool(concurrency);
        for (int i = 0; i < orders; i++) {
            buyers.submit(() -> {
                String session = UUID.randomUUID().toString();
                call(shop, session, "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}");
                JsonNode receipt = RunningShop.json(call(shop, session, "/api/orders/create", PLACEMENT));
                tokens.put(receipt.get("order_id").asText(), receipt.get("access_token").asText());
            });
        }
        buyers.shutdown();
        // cheap completion check once a second; the timings themselves are the server's own timestamps
        while (RunningShop.json(shop.send(HttpRequest.newBuilder(URI.create(store + "/store")).GET())).get("emails").size() < orders) {
            TimeUnit.SECONDS.sleep(1);
        }
        List<Long> latencies = new ArrayList<>();
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;
        for (var entry : tokens.entrySet()) {
            JsonNode order = RunningShop.json(shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/orders/" + entry.getKey()))
                    .header("X-Order-Token", entry.getValue()).GET()));
            Instant placed = Instant.parse(order.get("order_date").asText());
            Instant mailed = Instant.parse(order.get("mails").get("order_received").get("sent_at").asText());
            latencies.add(Duration.between(placed, mailed).toMillis());
            first = placed.isBefore(first) ? placed : first;
            last = mailed.isAfter(last) ? mailed : last;
        }
        Collections.sort(latencies);
        return new Result(orders / (Duration.between(first, last).toMillis() / 1000.0), latencies);
    }

    /** Mean time per exchange of each route on the order path (Camel's route policy timers), to show where time goes. */
    private static void printRouteTimes(RunningShop shop) {
        String metrics = shop.observe("/observe/metrics").body();
        for (String route : List.of("add-to-cart", "create-order", "order-processor", "reserve-stock", "email-sender")) {
            double sum = routeMetric(metrics, "_sum", route);
            double count = routeMetric(metrics, "_count", route);
            System.out.printf("route %-16s %6.0f exchanges, mean %6.1f ms%n", route, count, count == 0 ? 0 : 1000 * sum / count);
        }
    }

    private static double routeMetric(String metrics, String suffix, String route) {
        return metrics.lines().filter(l -> l.startsWith("camel_route_policy_seconds" + suffix + "{") && l.contains("routeId=\"" + route + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static HttpResponse<String> call(RunningShop shop, String session, String path, String body) {
        HttpResponse<String> response = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).header("X-Session-Id", session)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    /** The plain-SDK rate of an SQS send + receive + delete and of a DynamoDB conditional update, same threads. */
    private static void rawCeiling(LocalStack stack, int concurrency) throws Exception {
        try (AwsClients aws = stack.awsClients()) {
            String queue = aws.sqs().createQueue(r -> r.queueName("bench-raw")).queueUrl();
            double sqs = rate(concurrency, () -> {
                aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody("{}"));
                aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1)).messages()
                        .forEach(m -> aws.sqs().deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())));
            });
            aws.dynamoDb().putItem(r -> r.tableName("Products").item(Map.of("product_id", AttributeValue.fromS("bench-raw"),
                    "stock_quantity", AttributeValue.fromN("100000000"))));
            double ddb = rate(concurrency, () -> aws.dynamoDb().updateItem(r -> r.tableName("Products")
                    .key(Map.of("product_id", AttributeValue.fromS("bench-raw")))
                    .updateExpression("SET stock_quantity = stock_quantity - :one").conditionExpression("stock_quantity >= :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))));
            System.out.printf("raw SDK: %.0f SQS send+receive+delete/s, %.0f DynamoDB conditional updates/s%n", sqs, ddb);
        }
    }

    private static double rate(int concurrency, Runnable operation) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (int i = 0; i < concurrency; i++) {
            workers.submit(() -> {
                while (System.nanoTime() < until) {
                    operation.run();
                    done.incrementAndGet();
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.MINUTES);
        return done.get() / 5.0;
    }
}
