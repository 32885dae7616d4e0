package org.camelshop.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.app.Gatling$;
import org.camelshop.local.LocalStack;
import org.camelshop.local.ShopProcess;
import org.camelshop.local.StackPorts;

/**
 * The load test harness (bench/load.sh): {@link ShopSimulation} through Gatling against a shop, with the shop's CPU,
 * heap and cache counters sampled from its /observe/metrics while it runs. {@link #run} is what the smoke test
 * calls; {@link #main} is the full run: its own local stack and a shop in a JVM of its own, then a Markdown report
 * (docs/benchmarks.md "Load test") and an SVG chart of the latencies.
 */
public final class LoadTest {

    /** One request name's numbers, from Gatling's report. */
    public record Endpoint(String name, long ok, long ko, double p50, double p95, double p99, double max) {
    }

    /**
     * What one run measured. {@code cpu}/{@code heap} samples are the shop's; hit rates (catalog, and the shoppers' own
     * carts and order lists) and orders from its meters.
     */
    public record Result(int exitCode, Path report, List<Endpoint> endpoints, double seconds, double hitRate, double userHitRate, double ordersProcessed,
                         List<Double> cpu, List<Double> heapMb) {

        public long requests() {
            return endpoints.stream().mapToLong(e -> e.ok() + e.ko()).sum();
        }

        public long failures() {
            return endpoints.stream().mapToLong(Endpoint::ko).sum();
        }

        public Endpoint endpoint(String name) {
            return endpoints.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no requests named " + name));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadTest() {
    }

    /** Runs the simulation against the shop at {@code baseUrl}: {@code users} shoppers for {@code seconds}. */
    public static Result run(String baseUrl, int users, int seconds, Path resultsFolder) throws Exception {
        System.setProperty(ShopSimulation.BASE_URL, baseUrl);
        System.setProperty(ShopSimulation.USERS, Integer.toString(users));
        System.setProperty(ShopSimulation.SECONDS, Integer.toString(seconds));
        Files.createDirectories(resultsFolder);
        Map<String, Double> before = meters(baseUrl);
        List<Double> cpu = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            Map<String, Double> now = meters(baseUrl);
            synchronized (cpu) {
                cpu.add(now.getOrDefault("process_cpu_usage", 0.0));
                heap.add(now.getOrDefault("heap", 0.0) / 1024 / 1024);
            }
        }, 1, 1, TimeUnit.SECONDS);
        long start = System.nanoTime();
        int exitCode;
        try {
            exitCode = Gatling$.MODULE$.fromArgs(new String[] {"-s", ShopSimulation.class.getName(), "-rf", resultsFolder.toString(),
                    "-rd", users + " users for " + seconds + " s"});
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Double> after = meters(baseUrl);
        Path report = latestReport(resultsFolder); // the newest run's folder: earlier runs stay for comparison
        return new Result(exitCode, report, endpoints(report), elapsed, hitRate(before, after, "hits", "misses"),
                hitRate(before, after, "userHits", "userMisses"),
                after.get("orders") - before.get("orders"), List.copyOf(cpu), List.copyOf(heap));
    }

    /** The full load test: bench/load.sh [users] [seconds]. Prints the report section and writes the chart. */
    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        Path chart = Path.of(args.length > 2 ? args[2] : "docs/load-test.svg");
        try (LocalStack stack = LocalStack.start(StackPorts.free())) {
            int port = StackPorts.freePort();
            Files.createDirectories(Path.of("target"));
            // production limits: the shoppers arrive as 200 distinct clients through a trusted proxy (loopback), as behind a balancer
            Map<String, String> settings = Map.of("shop.http.trusted-proxies", "127.0.0.1/32, ::1/128");
            try (ShopProcess shop = ShopProcess.start(stack.ports(), port, settings, Path.of("target/load-test-shop.log")).awaitReady()) {
                String baseUrl = "http://127.0.0.1:" + port;
                run(baseUrl, Math.min(users, 10), 20, Path.of("target/gatling-warmup")); // JIT and caches warm
                Result result = run(baseUrl, users, seconds, Path.of("target/gatling"));
                System.out.println(markdown(result, users, seconds));
                Files.writeString(chart, svg(result));
                System.out.println("Chart: " + chart + "  Gatling report: " + result.report().resolve("index.html"));
                if (result.exitCode() != 0) {
                    System.exit(result.exitCode());
                }
            }
        }
    }

    static String markdown(Result r, int users, int seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d shoppers (200 client addresses through a trusted proxy, production rate limits) for %d s: %,d requests (%.0f req/s), %d failed (%.3f %%); catalog cache hit rate %.1f %%, carts and order lists %.1f %%; "
                        + "%.0f orders processed (%.2f orders/s); shop CPU mean %.0f %% / max %.0f %% of 2 cores; heap used mean %.0f MB / max %.0f MB%n%n",
                users, seconds, r.requests(), r.requests() / r.seconds(), r.failures(), 100.0 * r.failures() / Math.max(1, r.requests()),
                100 * r.hitRate(), 100 * r.userHitRate(), r.ordersProcessed(), r.ordersProcessed() / r.seconds(),
                100 * mean(r.cpu()), 100 * max(r.cpu()), mean(r.heapMb()), max(r.heapMb())));
        out.append("| request | count | failed | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|\n");
        r.endpoints().forEach(e -> out.append(String.format(Locale.ROOT, "| %s | %,d | %d | %.0f | %.0f | %.0f | %.0f |%n",
                e.name(), e.ok() + e.ko(), e.ko(), e.p50(), e.p95(), e.p99(), e.max())));
        return out.toString();
    }

    /** Horizontal bars: p50, p95 and p99 per request name, in milliseconds. */
    static String svg(Result r) {
        List<Endpoint> rows = r.endpoints();
        double scale = Math.max(1, rows.stream().mapToDouble(Endpoint::p99).max().orElse(1));
        int rowHeight = 36;
        int width = 760;
        int left = 150;
        int chartWidth = width - left - 70;
        int height = 60 + rows.size() * rowHeight;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Load test: response time per request (ms)</text>%n"
                        + "<rect x=\"%d\" y=\"30\" width=\"10\" height=\"10\" fill=\"#2b8a3e\"/><text x=\"%d\" y=\"39\">p50</text>"
                        + "<rect x=\"%d\" y=\"30\" width=\"10\" height=\"10\" fill=\"#f08c00\"/><text x=\"%d\" y=\"39\">p95</text>"
                        + "<rect x=\"%d\" y=\"30\" width=\"10\" height=\"10\" fill=\"#c92a2a\"/><text x=\"%d\" y=\"39\">p99</text>%n",
                width, height, left, left + 14, left + 60, left + 74, left + 120, left + 134));
        for (int i = 0; i < rows.size(); i++) {
            Endpoint e = rows.get(i);
            int y = 50 + i * rowHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", left - 8, y + 18, e.name()));
            double[] values = {e.p50(), e.p95(), e.p99()};
            String[] colours = {"#2b8a3e", "#f08c00", "#c92a2a"};
            for (int j = 0; j < 3; j++) {
                double w = Math.max(1, chartWidth * values[j] / scale);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"9\" fill=\"%s\"/>"
                        + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%.0f</text>%n", left, y + 4 + j * 10, w, colours[j], left + w + 4, y + 12 + j * 10, values[j]));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * Per request name from Gatling's report data, js/stats.js: a script whose {@code stats: {...}} blocks are JSON
     * (percentiles 1..4 = 50/75/95/99, Gatling's defaults). The first block is the total over all requests.
     */
    static List<Endpoint> endpoints(Path report) throws IOException {
        String script = Files.readString(report.resolve("js/stats.js"));
        List<Endpoint> endpoints = new ArrayList<>();
        for (int at = script.indexOf("stats: {"); at >= 0; at = script.indexOf("stats: {", at + 1)) {
            int open = script.indexOf('{', at);
            int depth = 0;
            int close = open;
            do {
                char c = script.charAt(close++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            } while (depth > 0);
            JsonNode stats = JSON.readTree(script.substring(open, close));
            if (!stats.get("name").asText().equals("All Requests")) {
                endpoints.add(new Endpoint(stats.get("name").asText(), stats.at("/numberOfRequests/ok").asLong(), stats.at("/numberOfRequests/ko").asLong(),
                        stats.at("/percentiles1/total").asDouble(), stats.at("/percentiles3/total").asDouble(),
                        stats.at("/percentiles4/total").asDouble(), stats.at("/maxResponseTime/total").asDouble()));
            }
        }
        return endpoints;
    }

    private static Path latestReport(Path resultsFolder) throws IOException {
        try (Stream<Path> runs = Files.list(resultsFolder)) {
            return runs.filter(run -> Files.exists(run.resolve("js/stats.js"))).max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("Gatling wrote no report in " + resultsFolder));
        }
    }

    /** The shop's meters the report needs: CPU, heap, cache hits and misses, orders processed. */
    private static Map<String, Double> meters(String baseUrl) {
        Map<String, Double> values = new LinkedHashMap<>(Map.of("hits", 0.0, "misses", 0.0, "userHits", 0.0, "userMisses", 0.0, "orders", 0.0,
                "heap", 0.0));
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/observe/metrics"))
                    .header("Authorization", "Bearer " + org.camelshop.local.RunningShop.MANAGEMENT_TOKEN).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            body.lines().filter(line -> !line.startsWith("#")).forEach(line -> {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("process_cpu_usage")) {
                    values.put("process_cpu_usage", value);
                } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    values.merge("heap", value, Double::sum);
                } else if (line.startsWith("shop_cache_requests_total{") && line.contains("result=\"hit\"")) {
                    values.merge(perUser(line) ? "userHits" : "hits", value, Double::sum);
                } else if (line.startsWith("shop_cache_requests_total{") && line.contains("result=\"miss\"")) {
                    values.merge(perUser(line) ? "userMisses" : "misses", value, Double::sum);
                } else if (line.startsWith("camel_exchanges_total{") && line.contains("routeId=\"order-processor\"")) {
                    values.merge("orders", value, Double::sum);
                }
            });
        } catch (IOException | InterruptedException e) {
            // a missed sample leaves a gap, not a failed run
        }
        return values;
    }

    private static double hitRate(Map<String, Double> before, Map<String, Double> after, String hitsMeter, String missesMeter) {
        double hits = after.get(hitsMeter) - before.get(hitsMeter);
        double lookups = hits + after.get(missesMeter) - before.get(missesMeter);
        return lookups == 0 ? 0 : hits / lookups;
    }

    /** A lookup of a shopper's own data (cart, order list), as opposed to the catalog's shared answers. */
    private static boolean perUser(String meterLine) {
        return meterLine.contains("cache=\"cart\"") || meterLine.contains("cache=\"orders\"");
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
