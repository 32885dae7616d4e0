package org.camelshop.order;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A guest's access token for their order: an HMAC of the order id under a server secret. Every attempt that places the
 * same order (a retry after a lost answer, a copy of the request) hands out the same token, so no answer can invalidate
 * another; only its hash is stored on the order. The secret is the shop's link-signing secret ({@code
 * shop.downloads.secret}, checked at start), under a label of its own.
 */
public final class OrderAccessTokens {

    private final String secret;

    public OrderAccessTokens(String secret) {
        this.secret = secret;
    }

    public String of(String orderId) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("shop.downloads.secret must be at least 16 characters");
        }
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("order-access:" + orderId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
