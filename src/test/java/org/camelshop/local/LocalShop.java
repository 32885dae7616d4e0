package org.camelshop.local;

import java.time.Duration;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.camelshop.ShopApplication;
import org.camelshop.payment.sandbox.SandboxConfiguration;
import org.camelshop.platform.ShopProfile;

/**
 * The README's run command: starts the local stack (or reuses one already running), then the shop against it,
 * and prints every URL. Lives on the test class path so the production artifact carries no emulator.
 */
public final class LocalShop {

    private LocalShop() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(StackPorts.fromEnvironment())) {
            Duration stackUp = Duration.ofNanos(System.nanoTime() - started);
            stack.ports().shopProperties().forEach(System::setProperty);
            Main main = ShopApplication.newMain(ShopProfile.LOCAL);
            SandboxConfiguration.install(main); // the Stripe/PayPal stand-ins live on the test class path only
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport support) {
                    printBanner(support, stack, stackUp, Duration.ofNanos(System.nanoTime() - started));
                }
            });
            // Ctrl-C or SIGTERM: a normal stop, ending with exit code 0 once the shop and its stack are down
            Runnable stop = () -> {
                stack.markStopping();
                main.completed();
            };
            for (String signal : new String[] {"INT", "TERM"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), ignored -> stop.run());
            }
            if (Boolean.getBoolean("shop.exit-with-parent")) {
                // started by the README's Maven command: if Maven goes (Ctrl-C, kill), the shop stops too
                ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(stop));
            }
            main.run(args);
        }
        System.exit(0);
    }

    private static void printBanner(BaseMainSupport support, LocalStack stack, Duration stackUp, Duration total) {
        String port = support.getCamelContext().getPropertiesComponent().resolveProperty("camel.server.port").orElse("8080");
        String base = "http://localhost:" + port;
        StringBuilder banner = new StringBuilder()
                .append("\n  Camel Shop is up (local profile): stack in ").append(seconds(stackUp))
                .append(", ready in ").append(seconds(total)).append('\n')
                .append("  Shop pages                 ").append(base).append("/\n")
                .append("  API                        ").append(base).append("/api/products\n")
                .append("  OpenAPI                    ").append(base).append("/api/openapi.json\n")
                .append("  Health (ready / live)      ").append(base).append("/observe/health/ready  ").append(base).append("/observe/health/live\n")
                .append("  Prometheus metrics         ").append(base).append("/observe/metrics  (Authorization: Bearer local-management-token)\n");
        stack.urls().forEach(url -> banner.append("  ").append(url).append('\n'));
        banner.append("  Stop with Ctrl-C.\n");
        System.out.println(banner);
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
