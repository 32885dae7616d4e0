package org.camelshop.web;

import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives browser tests one {@link Browser} for the whole run, pointed at the shared shop of {@link LocalStackExtension}
 * (use both: {@code @ExtendWith({LocalStackExtension.class, BrowserExtension.class})}). Closed with the root store.
 */
public final class BrowserExtension implements ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    /** A failed browser test leaves a picture of where it stood: target/screenshots/FAILED-<test>.png. */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Browser browser = context.getRoot().getStore(NAMESPACE).get("browser", Browser.class);
        if (browser != null) {
            try {
                browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
            } catch (RuntimeException e) {
                // the browser itself may be what failed
            }
        }
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningShop shop = LocalStackExtension.sharedShop(context);
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("browser", key -> Browser.start(shop.baseUrl()), Browser.class);
    }
}
