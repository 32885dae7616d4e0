package org.camelshop.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.camelshop.ShopApplication;
import org.camelshop.payment.sandbox.SandboxConfiguration;
import org.camelshop.platform.ShopProfile;

/**
 * The shop running in this JVM against a local stack, on a free port: exactly what the run command starts,
 * minus the banner. Integration tests talk to it over HTTP like any client would.
 */
public final class RunningShop implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Main main;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningShop(Main main, int port) {
        this.main = main;
        this.port = port;
    }

    /** Starts the shop on the stack's ports; {@code overrides} win over every properties file. */
    public static RunningShop start(StackPorts ports, Map<String, String> overrides) {
        int port = StackPorts.freePort();
        Main main = ShopApplication.newMain(ShopProfile.LOCAL);
        SandboxConfiguration.install(main); // the Stripe/PayPal stand-ins live on the test class path only
        ports.shopProperties().forEach(main::addOverrideProperty);
        main.addOverrideProperty("camel.server.port", Integer.toString(port));
        main.addOverrideProperty("camel.main.routesReloadEnabled", "false");
        // a stopped shop's long polls stay open at ElasticMQ until they time out and swallow messages meant for the next
        // test's shop (invisible for the queue's visibility timeout): test shops poll with 1 s waits so none outlive a stop
        main.addOverrideProperty("shop.queue.wait-seconds", "1");
        overrides.forEach(main::addOverrideProperty);
        main.start();
        return new RunningShop(main, port);
    }

    /**
     * {@code count} shops with the same settings, started side by side (a start mostly keeps one core busy, or waits
     * on the emulators): on two cores, two take little longer than one.
     */
    public static List<RunningShop> start(StackPorts ports, Map<String, String> overrides, int count) {
        ExecutorService starters = Executors.newFixedThreadPool(count);
        try {
            List<Future<RunningShop>> starts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                starts.add(starters.submit(() -> start(ports, overrides)));
            }
            List<RunningShop> shops = new ArrayList<>();
            Throwable failure = null;
            for (Future<RunningShop> started : starts) {
                try {
                    shops.add(started.get());
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                }
            }
            if (failure != null) {
                shops.forEach(RunningShop::close);
                throw new IllegalStateException("a shop failed to start: " + failure.getMessage(), failure);
            }
            return shops;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting shops", e);
        } finally {
            starters.shutdown();
        }
    }

    /** A shop running elsewhere (another JVM, see {@link ShopProcess}) on this machine's {@code port}. */
    public static RunningShop at(int port) {
        return new RunningShop(null, port);
    }

    public CamelContext camelContext() {
        if (main == null) {
            throw new IllegalStateException("the shop on port " + port + " runs in another JVM");
        }
        return main.getCamelContext();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
    }

    /** A request with an optional bearer token and, when {@code json} is not null, a JSON body. */
    public HttpResponse<String> call(String method, String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** Logs in and returns the session token; fails the test if the login does not succeed. */
    public String login(String email, String password) {
        HttpResponse<String> response = call("POST", "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + email + " failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("token").asText();
    }

    /** The configured local admin (application-local.properties). */
    public String loginAdmin() {
        return login("admin@shop.local", "admin-password");
    }

    /** Registers a fresh shopper and returns their token. */
    public String newShopper(String name) {
        String email = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-" + java.util.UUID.randomUUID() + "@example.com";
        HttpResponse<String> response = call("POST", "/api/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"password-123\",\"name\":\"" + name + "\"}", null);
        if (response.statusCode() != 201) {
            throw new AssertionError("registration failed: " + response.statusCode() + " " + response.body());
        }
        return login(email, "password-123");
    }

    /** The local profile's management token: /observe/metrics and the health detail need it. */
    public static final String MANAGEMENT_TOKEN = "local-management-token";

    /** An operations endpoint (/observe/...) as the operator sees it: with the management token. */
    public HttpResponse<String> observe(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + MANAGEMENT_TOKEN).GET());
    }

    /** A counter from /observe/metrics, summed over the series whose labels contain every given label. */
    public double metric(String name, String... labels) {
        return observe("/observe/metrics").body().lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A Java string as a JSON string literal, quotes and escapes included. */
    public static String jsonString(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    @Override
    public void close() {
        if (main != null) {
            main.stop();
        }
    }
}
