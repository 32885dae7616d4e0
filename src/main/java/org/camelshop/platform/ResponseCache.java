package org.camelshop.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis-backed response cache for catalog reads, with HTTP caching on top (Cache-Control, ETag, 304).
 * <p>
 * Entries are stored under a version: the catalog version for lists, the product's own version for a single
 * product. A product change increments both ({@link #invalidateProduct}), so every cached list and item that could
 * contain it is unreachable at once, on every instance. A reader stores what it read under the version it saw
 * <em>before</em> reading, so a write racing a cache fill can never leave stale data behind under the new version.
 * Redis down means a miss: reads fall through to DynamoDB, never fail.
 */
public final class ResponseCache {

    /** How long a named response lives in the browser and in Redis, and whether it follows one product's version. */
    public record Policy(int httpSeconds, int redisSeconds, boolean perProduct) {
    }

    /**
     * The cache's settings ({@code shop.cache.*}, defaults in application.properties): on or off, the near cache's time
     * to live (zero turns it off), and each named cache's policy.
     */
    public record Settings(boolean enabled, Duration nearTtl, Map<String, Policy> policies) {

        /** The response caches of SPEC section 3; a product's changes invalidate the per-product ones at once. */
        private static final List<String> NAMES = List.of("products", "product", "categories", "featured", "bestsellers", "reviews");
        private static final List<String> PER_PRODUCT = List.of("product", "reviews");

        public static Settings from(ShopSettings settings) {
            Map<String, Policy> policies = new java.util.LinkedHashMap<>();
            NAMES.forEach(name -> policies.put(name, new Policy(settings.getInt("shop.cache." + name + ".http-ttl"),
                    settings.getInt("shop.cache." + name + ".redis-ttl"), PER_PRODUCT.contains(name))));
            return new Settings(settings.getBoolean("shop.cache.enabled"), Duration.ofSeconds(settings.getInt("shop.cache.near-ttl-seconds")),
                    policies);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);
    private static final String CATALOG_VERSION = "catalog:version";
    private static final String VERSION_PROPERTY = "shopCacheVersion";
    private static final String KEY_PROPERTY = "shopCacheKey";
    private static final String ETAG_PROPERTY = "shopCacheEtag";
    private static final String NEAR_KEY_PROPERTY = "shopCacheNearKey";
    // one round trip: read the version, then the entry stored under it
    private static final String LOOKUP = """
            local version = redis.call('GET', KEYS[1]) or '0'
            return {version, redis.call('GET', ARGV[1] .. version)}""";

    private static final String INVALIDATIONS = "catalog:invalidations";
    // the versions to move on and the message to the near caches, in one round trip (a stock change makes one per order)
    private static final String INVALIDATE = """
            for _, key in ipairs(KEYS) do redis.call('INCR', key) end
            return redis.call('PUBLISH', ARGV[1], ARGV[2])""";
    private static final String GENERATION_PROPERTY = "shopCacheGeneration";
    private static final String PRODUCT_PROPERTY = "shopCacheProduct";

    private final RedisConnection redis;
    private final Map<String, Policy> policies;
    private final Map<String, String> cacheControls;
    private final boolean enabled;
    private final ShopMetrics metrics;
    private final NearCache near;
    private volatile long lastWarning;

    public ResponseCache(RedisConnection redis, Settings settings, ShopMetrics metrics) {
        this.redis = redis;
        this.policies = Map.copyOf(settings.policies());
        this.cacheControls = policies.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> "public, max-age=" + entry.getValue().httpSeconds()));
        this.enabled = settings.enabled();
        this.metrics = metrics;
        Duration nearTtl = settings.nearTtl();
        this.near = new NearCache(10_000, nearTtl.isZero() ? Duration.ofMillis(1) : nearTtl);
        if (enabled && !nearTtl.isZero()) {
            redis.subscribe(INVALIDATIONS, near::invalidate, near::activate, near::deactivate);
        }
    }

    /**
     * Looks the request up; on a hit the body becomes the cached JSON and {@code X-Cache} is HIT, else MISS.
     * {@code requestKey} identifies the response within its cache (the validated query, the product id, ...).
     */
    public void lookup(Exchange exchange, String cacheName, Object requestKey) {
        find(exchange, cacheName, requestKey, null);
    }

    /** As {@link #lookup} for a response about one product: versioned by the product, so its changes invalidate it. */
    public void lookupProduct(Exchange exchange, String cacheName, String productId, Object requestKey) {
        find(exchange, cacheName, productId + "|" + requestKey, productId);
    }

    private void find(Exchange exchange, String cacheName, Object requestKey, String productId) {
        Policy policy = policy(cacheName);
        Message message = exchange.getMessage();
        message.setHeader("X-Cache", "MISS");
        if (!enabled) {
            return;
        }
        // the near copy is found by the request key itself: hashing it is only needed for the Redis key
        String nearKey = cacheName + ":" + requestKey;
        NearCache.Entry nearCopy = near.get(nearKey);
        if (nearCopy != null) {
            // already encoded: nothing to convert on the hottest path
            exchange.setProperty(ETAG_PROPERTY, nearCopy.etag());
            message.setBody(nearCopy.body());
            message.setHeader("X-Cache", "HIT");
            count(cacheName, "hit", "near");
            return;
        }
        String key = "cache:" + cacheName + ":" + sha1(String.valueOf(requestKey)) + ":v";
        long generation = near.generation();
        exchange.setProperty(NEAR_KEY_PROPERTY, nearKey);
        exchange.setProperty(GENERATION_PROPERTY, generation);
        exchange.setProperty(PRODUCT_PROPERTY, policy.perProduct() ? productId : null);
        String versionKey = policy.perProduct() ? CATALOG_VERSION + ":" + productId : CATALOG_VERSION;
        try {
            List<Object> result = redis.script(LOOKUP, ScriptOutputType.MULTI, new String[] {versionKey}, key);
            exchange.setProperty(VERSION_PROPERTY, result.get(0));
            exchange.setProperty(KEY_PROPERTY, key);
            String entry = result.size() > 1 ? (String) result.get(1) : null;
            if (entry != null) {
                int split = entry.indexOf('\n');
                String etag = entry.substring(0, split);
                String json = entry.substring(split + 1);
                exchange.setProperty(ETAG_PROPERTY, etag);
                message.setBody(json);
                message.setHeader("X-Cache", "HIT");
                near.put(nearKey, policy.perProduct() ? productId : null, etag, json, generation);
            }
            count(cacheName, entry != null ? "hit" : "miss", "redis");
        } catch (RedisException e) {
            degraded(cacheName, e);
        }
    }


    /** Serialises the body to JSON and, after a miss, stores it under the version seen at lookup. */
    public void store(Exchange exchange, String cacheName) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        String json = body instanceof String text ? text : Json.write(body);
        message.setBody(json);
        String etag = etag(json);
        exchange.setProperty(ETAG_PROPERTY, etag);
        String key = exchange.getProperty(KEY_PROPERTY, String.class);
        String version = exchange.getProperty(VERSION_PROPERTY, String.class);
        if (key == null || version == null) {
            return;
        }
        String entry = etag + "\n" + json;
        try {
            redis.sync().setex(key + version, policy(cacheName).redisSeconds(), entry);
            near.put(exchange.getProperty(NEAR_KEY_PROPERTY, String.class), exchange.getProperty(PRODUCT_PROPERTY, String.class), etag, json,
                    exchange.getProperty(GENERATION_PROPERTY, Long.class));
        } catch (RedisException e) {
            degraded(cacheName, e);
        }
    }

    /** Finishes the response: JSON body, ETag and Cache-Control; an If-None-Match that matches gets a bodiless 304. */
    public void respond(Exchange exchange, String cacheName) {
        Message message = exchange.getMessage();
        if (exchange.getProperty(ETAG_PROPERTY) == null) {
            store(exchange, cacheName);
        }
        String etag = exchange.getProperty(ETAG_PROPERTY, String.class);
        message.setHeader("ETag", etag);
        message.setHeader("Cache-Control", cacheControl(cacheName));
        message.setHeader(Exchange.CONTENT_TYPE, Json.CONTENT_TYPE);
        if (etag.equals(message.getHeader("If-None-Match", String.class))) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            message.setBody(null);
        } else {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        }
    }

    /**
     * Makes every cached response that could show this product unreachable, on all instances. The change itself is
     * already saved: if Redis is unreachable this is logged, and cached copies expire with their TTL.
     */
    public void invalidateProduct(String productId) {
        invalidate(productId, true, "Product " + productId);
    }

    /**
     * Makes the product's own cached responses unreachable but keeps the lists: for changes lists do not show (a stock
     * count that stays above zero, a sales count), which would otherwise empty every list several times a second
     * while orders come in. Lists catch up within their time to live; what they show (in or out of stock) does not
     * change, since a product coming into or going out of stock goes through {@link #invalidateProduct}.
     */
    public void invalidateProductOnly(String productId) {
        invalidate(productId, false, "Product " + productId);
    }

    /** Makes every cached list (products, categories, shelves) unreachable, on all instances: a category changed. */
    public void invalidateLists() {
        invalidate("", true, "The catalog");
    }

    private void invalidate(String productId, boolean lists, String what) {
        String message = lists ? productId : NearCache.PRODUCT_ONLY + productId;
        near.invalidate(message);
        List<String> versions = new java.util.ArrayList<>(2);
        if (!productId.isEmpty()) {
            versions.add(CATALOG_VERSION + ":" + productId);
        }
        if (lists) {
            versions.add(CATALOG_VERSION);
        }
        try {
            // every instance's near cache hears of it, this one's again included
            redis.script(INVALIDATE, ScriptOutputType.INTEGER, versions.toArray(String[]::new), INVALIDATIONS, message);
        } catch (RedisException e) {
            LOG.error("{} changed but its cached copies could not be invalidated; they expire with their TTL", what, e);
        }
    }

    private Policy policy(String cacheName) {
        Policy policy = policies.get(cacheName);
        if (policy == null) {
            throw new IllegalArgumentException("no cache policy named " + cacheName);
        }
        return policy;
    }

    private String cacheControl(String cacheName) {
        policy(cacheName); // an unknown name fails here
        return cacheControls.get(cacheName);
    }

    private void degraded(String cacheName, RedisException e) {
        count(cacheName, "error", "redis");
        long now = System.currentTimeMillis();
        if (now - lastWarning > 10_000) { // one line per 10 s, not one per request, while Redis is down
            lastWarning = now;
            LOG.warn("Cache {} unavailable, reading through to DynamoDB: {}", cacheName, e.getMessage());
        }
    }

    private void count(String cacheName, String result, String tier) {
        metrics.cacheLookup(cacheName, result, tier);
    }

    static String etag(String json) {
        return "\"" + sha1(json).substring(0, 32) + "\"";
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
