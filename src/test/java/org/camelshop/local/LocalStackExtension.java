package org.camelshop.local;

import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for integration tests: one local stack (free ports) and one shop on it for the whole test
 * run, started on first use and stopped when the run ends. Test methods or constructors ask for
 * {@link LocalStack} or {@link RunningShop} parameters; both are AutoCloseable, so JUnit closes them with the
 * root store after the last test.
 */
public final class LocalStackExtension implements ParameterResolver {

    /**
     * The shared shop serves every integration test of the run, far more than the seed's 1,000 public requests a
     * minute, and every test class uses the one local admin; rate limits are tested on shops of their own.
     */
    private static final Map<String, String> SHARED_SHOP_SETTINGS = Map.of(
            "shop.rate-limit.public.limit", "1000000",
            "shop.rate-limit.login.limit", "1000000",
            "shop.rate-limit.admin.limit", "1000000",
            "shop.rate-limit.cart.limit", "1000000",
            // failed queue messages come back after 1 s, 4 s: a poison message reaches its DLQ in seconds
            "shop.queue.retry-base-seconds", "1");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.class || type == RunningShop.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class ? stack(context) : shop(context);
    }

    private static LocalStack stack(ExtensionContext context) {
        return root(context).getOrComputeIfAbsent("stack", key -> LocalStack.start(StackPorts.free()), LocalStack.class);
    }

    /** The run's shared shop, for other extensions (e.g. the browser tests' BrowserExtension). */
    public static RunningShop sharedShop(ExtensionContext context) {
        return shop(context);
    }

    private static RunningShop shop(ExtensionContext context) {
        LocalStack stack = stack(context);
        return root(context).getOrComputeIfAbsent("shop", key -> RunningShop.start(stack.ports(), SHARED_SHOP_SETTINGS), RunningShop.class);
    }

    private static ExtensionContext.Store root(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }
}
