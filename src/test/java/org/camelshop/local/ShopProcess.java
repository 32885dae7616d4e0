package org.camelshop.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The README's run command ({@link LocalShop}) in a JVM of its own, for tests that kill it the hard way. Given the
 * ports of emulators already serving, it reuses them, so they outlive the shop; its output goes to a log file.
 */
public final class ShopProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ShopProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the shop on {@code port} against the stack's {@code ports}; {@code settings} become system properties. */
    public static ShopProcess start(StackPorts ports, int port, Map<String, String> settings, Path log) throws IOException {
        // a test's shop lives for seconds: start-up matters, not peak speed (as the README run command)
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalShop.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "SHOP_PORT", Integer.toString(port),
                "SHOP_SQS_PORT", Integer.toString(ports.sqs()),
                "SHOP_DYNAMODB_PORT", Integer.toString(ports.dynamoDb()),
                "SHOP_SES_PORT", Integer.toString(ports.ses()),
                "SHOP_REDIS_PORT", Integer.toString(ports.redis()),
                "SHOP_S3_PORT", Integer.toString(ports.s3()),
                "SHOP_ROUTES_RELOAD", "false"));
        return new ShopProcess(builder.start(), port, log);
    }

    /** Waits until the shop reports ready, failing early with its log if it died. */
    public ShopProcess awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the shop exited: " + output());
            }
            return ready(http);
        });
        return this;
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, as Ctrl-C or a process manager stops the run command; does not wait. */
    public void terminate() {
        process.destroy();
    }

    /** The exit code, once the process has exited within {@code timeout}; empty if it is still running. */
    public java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** SIGKILL: no shutdown hook runs, nothing in flight is finished or handed back. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private boolean ready(HttpClient http) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
