package org.camelshop.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.camelshop.ShopApplication;
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
        ports.shopProperties().forEach(main::addOverrideProperty);
        main.addOverrideProperty("camel.server.port", Integer.toString(port));
        main.addOverrideProperty("camel.main.routesReloadEnabled", "false");
        overrides.forEach(main::addOverrideProperty);
        main.start();
        return new RunningShop(main, port);
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
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

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    @Override
    public void close() {
        main.stop();
    }
}
