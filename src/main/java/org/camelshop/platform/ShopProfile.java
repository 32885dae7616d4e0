package org.camelshop.platform;

import java.util.Locale;
import java.util.Optional;

/**
 * The deployment profile: {@code local} (default) talks to the emulators of the local stack,
 * {@code aws} to real AWS with the standard credential chain. Chosen by {@code SHOP_PROFILE}.
 */
public enum ShopProfile {
    LOCAL, AWS;

    public static ShopProfile current() {
        String value = setting("SHOP_PROFILE", "shop.profile", "local");
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SHOP_PROFILE must be 'local' or 'aws', not '" + value + "'", e);
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The profile's file, then application.properties: for a key in both, Camel takes the first location's value. */
    public String propertyLocations() {
        return "classpath:application-" + id() + ".properties,classpath:application.properties";
    }

    /**
     * A folder of route files that replaces the built-in ones ({@code SHOP_ROUTES_DIR}), so integration engineers
     * can change a flow without a rebuild; in local mode the same folder is watched for live reload.
     */
    public static Optional<String> externalRoutesDirectory() {
        return Optional.ofNullable(setting("SHOP_ROUTES_DIR", "shop.routes.dir", null));
    }

    /** Human-readable lines locally, one JSON object per line on AWS; SHOP_LOG_FORMAT=text|json overrides. */
    public void selectLogFormat() {
        String format = setting("SHOP_LOG_FORMAT", "shop.log.format", this == AWS ? "json" : "text");
        if ("json".equalsIgnoreCase(format) && System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-json.xml");
        }
    }

    private static String setting(String env, String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
