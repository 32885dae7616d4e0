package org.camelshop.platform;

import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/** Typed access to the {@code shop.*} properties (application.properties, profile file, env, system properties). */
public final class ShopSettings {

    private final PropertiesComponent properties;

    public ShopSettings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public Optional<String> find(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String get(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("missing required property " + key));
    }

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
