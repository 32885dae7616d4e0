package org.camelshop.platform;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.CamelContext;

/** Typed access to the {@code shop.*} properties (application.properties, profile file, env, system properties). */
public final class ShopSettings {

    private final Function<String, Optional<String>> lookup;

    private ShopSettings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public static ShopSettings of(CamelContext context) {
        return new ShopSettings(context.getPropertiesComponent()::resolveProperty);
    }

    /** Settings from a plain map, for tools and tests that run without a Camel context. */
    public static ShopSettings of(Map<String, String> values) {
        return new ShopSettings(key -> Optional.ofNullable(values.get(key)));
    }

    public Optional<String> find(String key) {
        return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String get(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("missing required property " + key));
    }

    /** A number whose default is in application.properties: no second default here. */
    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    /** A switch whose default is in application.properties: no second default here. */
    public boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(key));
    }

    /** For a setting that may be absent or empty (optional, or read by a tool that runs without application.properties). */
    public String get(String key, String fallback) {
        return find(key).orElse(fallback);
    }

    public int getInt(String key, int fallback) {
        return find(key).map(Integer::parseInt).orElse(fallback);
    }

    public boolean getBoolean(String key, boolean fallback) {
        return find(key).map(Boolean::parseBoolean).orElse(fallback);
    }
}
