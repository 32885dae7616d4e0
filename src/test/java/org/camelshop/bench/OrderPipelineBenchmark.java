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
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;
import org.camelshop.local.StackPorts;
import org.camelshop.platform.AwsCallCounter;
import org.camelshop.platform.AwsClients;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Orders per second end to end (create → stock reserved → order-received mail accepted by the SES emulator) with
 * p50/p95 latency, beside the raw rate of the same kinds of queue and table calls made with the plain SDK, and the
 * round trips per order (SDK calls counted by {@link AwsCallCounter}, Redis commands from {@code INFO commandstats}) and the
 * CPU time per order of this JVM and of each emulator ({@link CpuMeter}).
 * Everything runs on this machine: {@code bench/main.sh OrderPipelineBenchmark 600 16} (orders, concurrency).
 * An answer it did not expect (a 503 under load, a missing field) is counted by kind and reported, not fatal: the
 * run measures the orders that were placed, and waits for their mails until none has arrived for a minute.
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
             RunningShop shop = BenchShop.start(stack, Map.of());
             RedisClient redisClient = RedisClient.create("redis://127.0.0.1:" + stack.ports().redis());
             StatefulRedisConnection<String, String> redis = redisClient.connect()) {
            String productId = RunningShop.json(shop.call("POST", "/api/products", "{\"name\":\"Bench Mug\",\"price\":1500,"
                    + "\"category\":\"Merchandise\",\"sku\":\"BENCH-1\",\"stock_quantity\":1000000}", shop.loginAdmin())).get("product_id").asText();
            runOrders(shop, stack, productId, Math.min(100, orders), concurrency); // warm-up
            AwsCallCounter sdkCalls = shop.camelContext().getRegistry().lookupByNameAndType("awsCallCounter", AwsCallCounter.class);
            sdkCalls.reset();
            redis.sync().configResetstat();
            CpuMeter cpuBefore = CpuMeter.snapshot();
            long started = System.nanoTime();
            Result result = runOrders(shop, stack, productId, orders, concurrency);
            CpuMeter cpuAfter = CpuMeter.snapshot();
            double measuredSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("end to end: %d of %d orders placed and mailed, concurrency %d: %.1f orders/s, p50 %d ms, p95 %d ms, p99 %d ms%n",
                    result.latencies().size(), orders, concurrency, result.perSecond(), result.p(50), result.p(95), result.p(99));
            System.out.println(result.unexpected().isEmpty() ? "unexpected answers: none" : "unexpected answers: " + result.unexpected());
            printRoundTrips(sdkCalls.snapshot(), redis.sync().info("commandstats"), result.latencies().size());
            cpuAfter.printSince(cpuBefore, result.latencies().size(), measuredSeconds);
            printRouteTimes(shop);
            rawCeiling(stack, concurrency);
        }
        System.exit(0);
    }

    /** The measured orders' latencies, and every unexpected answer counted by what was asked and what came back. */
    private record Result(double perSecond, List<Long> latencies, Map<String, Integer> unexpected) {
        long p(int percentile) {
            return latencies.isEmpty() ? -1 : latencies.get(Math.min(latencies.size() - 1, latencies.size() * percentile / 100));
        }
    }

    /** Counts of unexpected answers, by kind ({@code create-order 503}, {@code read-order no mail}). */
    private static final class Surprises {
        private final Map<String, Integer> counts = new ConcurrentHashMap<>();

        void add(String kind) {
            counts.merge(kind, 1, Integer::sum);
        }

        /** The answer when it has the status and fields expected, else empty (counted under {@code what}). */
        Optional<JsonNode> expect(String what, HttpResponse<String> response, int status, String... fields) {
            if (response == null) {
                add(what + " no answer");
                return Optional.empty();
            }
            if (response.statusCode() != status) {
                add(what + " " + response.statusCode());
                return Optional.empty();
            }
            try {
                JsonNode body = RunningShop.json(response);
                for (String field : fields) {
                    if (body.at(field).isMissingNode() || body.at(field).isNull()) {
                        add(what + " without " + field);
                        return Optional.empty();
                    }
                }
                return Optional.of(body);
            } catch (RuntimeException notJson) {
                add(what + " not JSON");
                return Optional.empty();
            }
        }
    }

    private static Result runOrders(RunningShop shop, LocalStack stack, String productId, int orders, int concurrency) throws Exception {
        String store = "http://127.0.0.1:" + stack.ports().ses();
        shop.send(HttpRequest.newBuilder(URI.create(store + "/clear-store")).POST(HttpRequest.BodyPublishers.noBody()));
        Map<String, String> tokens = new ConcurrentHashMap<>();
        Surprises surprises = new Surprises();
        ExecutorService buyers = Executors.newFixedThreadPool(concurrency);
        for (int i = 0; i < orders; i++) {
            buyers.submit(() -> {
                String session = UUID.randomUUID().toString();
                if (surprises.expect("add-to-cart", call(shop, session, "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}"),
                        200).isEmpty()) {
                    return;
                }
                surprises.expect("create-order", call(shop, session, "/api/orders/create", PLACEMENT), 202, "/order_id", "/access_token")
                        .ifPresent(receipt -> tokens.put(receipt.get("order_id").asText(), receipt.get("access_token").asText()));
            });
        }
        buyers.shutdown();
        buyers.awaitTermination(1, TimeUnit.HOURS);
        // cheap completion check once a second, until every placed order's mail is there or none came for a minute;
        // the timings themselves are the server's own timestamps
        int mailed = 0;
        long lastProgress = System.nanoTime();
        while (mailed < tokens.size() && System.nanoTime() - lastProgress < TimeUnit.MINUTES.toNanos(1)) {
            TimeUnit.SECONDS.sleep(1);
            int now = RunningShop.json(shop.send(HttpRequest.newBuilder(URI.create(store + "/store")).GET())).get("emails").size();
            if (now > mailed) {
                mailed = now;
                lastProgress = System.nanoTime();
            }
        }
        List<Long> latencies = new ArrayList<>();
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;
        for (var entry : tokens.entrySet()) {
            Optional<JsonNode> order = surprises.expect("read-order", shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/orders/"
                    + entry.getKey())).header("X-Order-Token", entry.getValue()).GET()), 200, "/order_date", "/mails/order_received/sent_at");
            if (order.isEmpty()) {
                continue;
            }
            Instant placed = Instant.parse(order.get().get("order_date").asText());
            Instant sent = Instant.parse(order.get().at("/mails/order_received/sent_at").asText());
            latencies.add(Duration.between(placed, sent).toMillis());
            first = placed.isBefore(first) ? placed : first;
            last = sent.isAfter(last) ? sent : last;
        }
        Collections.sort(latencies);
        double seconds = latencies.isEmpty() ? Double.NaN : Math.max(1, Duration.between(first, last).toMillis()) / 1000.0;
        return new Result(latencies.size() / seconds, latencies, new TreeMap<>(surprises.counts));
    }

    /**
     * Round trips per measured order: SDK calls by operation (queue long polls included) and Redis commands sent by the
     * shop, both counted by {@link AwsCallCounter}; beside them the commands Redis executed ({@code INFO commandstats}),
     * which also counts every command a Lua script runs (a rate-limit check is one round trip, three commands there).
     */
    private static void printRoundTrips(Map<String, Long> calls, String commandStats, int orders) {
        if (orders == 0) {
            return;
        }
        Map<String, Long> sdkCalls = new TreeMap<>(calls);
        Map<String, Long> redisSent = new TreeMap<>();
        calls.keySet().stream().filter(operation -> operation.startsWith("Redis.")).forEach(operation ->
                redisSent.put(operation.substring("Redis.".length()), sdkCalls.remove(operation)));
        long sdk = sdkCalls.values().stream().mapToLong(Long::longValue).sum();
        long sent = redisSent.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> redisCalls = new TreeMap<>();
        Matcher stat = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)").matcher(commandStats);
        while (stat.find()) {
            if (!stat.group(1).startsWith("config") && !stat.group(1).equals("info")) {
                redisCalls.put(stat.group(1), Long.parseLong(stat.group(2)));
            }
        }
        long redisTotal = redisCalls.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("round trips per order: %.1f SDK + %.1f Redis = %.1f (Redis executed %.1f commands per order, scripts' included)%n",
                (double) sdk / orders, (double) sent / orders, (double) (sdk + sent) / orders, (double) redisTotal / orders);
        sdkCalls.forEach((operation, count) -> System.out.printf("  %-34s %6.2f per order%n", operation, (double) count / orders));
        redisSent.forEach((command, count) -> System.out.printf("  Redis sent %-23s %6.2f per order%n", command, (double) count / orders));
        redisCalls.forEach((command, count) -> System.out.printf("  Redis executed %-19s %6.2f per order%n", command, (double) count / orders));
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

    /** The answer, or null when there was none (the connection failed or timed out). */
    private static HttpResponse<String> call(RunningShop shop, String session, String path, String body) {
        try {
            return shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).header("X-Session-Id", session)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        } catch (RuntimeException noAnswer) {
            return null;
        }
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
