package org.camelshop.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {

    private final RateLimiter.Policy admin = new RateLimiter.Policy("admin", 50, 60, RateLimiter.Scope.USER,
            List.of("POST /api/products", "PUT /api/products/", "* /api/admin/"), RateLimiter.Sync.EXACT);

    @Test
    void matchesMethodAndPathPrefix() {
        assertTrue(admin.covers("POST", "/api/products"));
        assertTrue(admin.covers("put", "/api/products/prod-1"));
        assertTrue(admin.covers("DELETE", "/api/admin/dlq"));
        assertFalse(admin.covers("GET", "/api/products"), "reading the catalog is public");
        assertFalse(admin.covers("PUT", "/api/productsx"));
        assertFalse(admin.covers("GET", "/observe/metrics"));
    }
}
