package org.camelshop.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.buffer.Buffer;

/**
 * A small in-process copy of recently served catalog responses, so a hot read needs no Redis round trip.
 * <p>
 * It stays correct across instances because every product change is published on Redis ({@link ResponseCache})
 * and each instance drops what could show that product. It only serves while that subscription is up: when the
 * subscription drops, messages could be missed, so the copy is cleared and bypassed until it is back. A fill
 * that raced an invalidation is discarded (the generation check), and entries live at most {@code ttl} anyway.
 */
final class NearCache {

    /** A cached response, encoded once, and the product it is about ({@code null} for lists, which any change can affect). */
    record Entry(String productId, String etag, Buffer body) {
    }

    private final Cache<String, Entry> entries;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean active;

    NearCache(int maxEntries, Duration ttl) {
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
    }

    Entry get(String key) {
        return active ? entries.getIfPresent(key) : null;
    }

    /** The generation to pass to {@link #put}; read it before fetching what will be put. */
    long generation() {
        return generation.get();
    }

    void put(String key, String productId, String etag, String json, long seenGeneration) {
        if (active && generation.get() == seenGeneration) {
            // a Vert.x buffer is what platform-http writes without converting; responses only read it
            entries.put(key, new Entry(productId, etag, Buffer.buffer(json, "UTF-8")));
        }
    }

    /** Marks an invalidation message that leaves the lists alone: {@code PRODUCT_ONLY + productId}. */
    static final String PRODUCT_ONLY = "=";

    /** Drops every response about the product and, unless the message is {@link #PRODUCT_ONLY}, every list. */
    void invalidate(String message) {
        boolean lists = !message.startsWith(PRODUCT_ONLY);
        String productId = lists ? message : message.substring(PRODUCT_ONLY.length());
        generation.incrementAndGet();
        entries.asMap().values().removeIf(entry -> entry.productId() == null ? lists : entry.productId().equals(productId));
    }

    void activate() {
        generation.incrementAndGet();
        entries.invalidateAll();
        active = true;
    }

    void deactivate() {
        active = false;
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    boolean isActive() {
        return active;
    }
}
