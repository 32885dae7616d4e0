package org.camelshop.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's nginx (installed by local-stack/install-nginx.sh when missing) in front of shop instances, with the
 * deployment's own configuration, docker/nginx/shop.conf.template. Runs in the foreground under the test; stopped with it.
 */
public final class NginxProxy implements AutoCloseable {

    private static final Path TEMPLATE = Path.of("docker", "nginx", "shop.conf.template");
    private final Process process;
    private final int port;

    private NginxProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** nginx on {@code port} balancing over the shops on {@code upstreams} (loopback), files under {@code dir}. */
    public static NginxProxy start(int port, List<Integer> upstreams, Path dir) throws IOException, InterruptedException {
        install();
        Path root = dir.toAbsolutePath();
        Files.createDirectories(root.resolve("temp"));
        String servers = upstreams.stream().map(p -> "server 127.0.0.1:" + p + " max_fails=1 fail_timeout=3s;").collect(Collectors.joining("\n    "));
        Files.writeString(root.resolve("shop.conf"), Files.readString(TEMPLATE)
                .replace("${SHOP_UPSTREAMS}", servers).replace("${PROXY_PORT}", "127.0.0.1:" + port));
        String temp = root.resolve("temp").toString();
        Files.writeString(root.resolve("nginx.conf"), String.join("\n",
                "worker_processes 1;",
                "error_log " + root.resolve("error.log") + " warn;",
                "pid " + root.resolve("nginx.pid") + ";",
                "events { worker_connections 1024; }",
                "http {",
                "  access_log off;",
                "  client_body_temp_path " + temp + "/body;",
                "  proxy_temp_path " + temp + "/proxy;",
                "  fastcgi_temp_path " + temp + "/fastcgi;",
                "  uwsgi_temp_path " + temp + "/uwsgi;",
                "  scgi_temp_path " + temp + "/scgi;",
                "  include " + root.resolve("shop.conf") + ";",
                "}", ""));
        Process process = new ProcessBuilder("/usr/sbin/nginx", "-p", root.toString(), "-c", root.resolve("nginx.conf").toString(),
                "-g", "daemon off;" + ("0".equals(uid()) ? " user root;" : "")).redirectErrorStream(true)
                .redirectOutput(root.resolve("nginx.out").toFile()).start();
        NginxProxy proxy = new NginxProxy(process, port);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited: " + Files.readString(root.resolve("nginx.out")));
            }
            return proxy.listening();
        });
        return proxy;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private boolean listening() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void install() throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            return;
        }
        // stdin from /dev/null: the test JVM's stdin is the build tool's channel and must not be shared
        Process install = new ProcessBuilder("bash", "local-stack/install-nginx.sh").inheritIO()
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (install.waitFor() != 0) {
            throw new IllegalStateException("Installing nginx failed; run local-stack/install-nginx.sh as root");
        }
    }

    private static String uid() {
        try {
            Process id = new ProcessBuilder("id", "-u").start();
            return new String(id.getInputStream().readAllBytes()).trim();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
