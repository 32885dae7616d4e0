package org.camelshop.marketing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click unsubscribe tokens: the user id and an HMAC-SHA256 of it under the shop's secret. Anyone holding the
 * link may unsubscribe that one user and nobody else; nothing needs storing, and a forged token fails the check.
 */
public final class UnsubscribeTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private final byte[] secret;

    public UnsubscribeTokens(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("shop.marketing.link-secret must be at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String issue(String userId) {
        return ENCODER.encodeToString(userId.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(userId));
    }

    /** The user a token was issued for, if it is genuine. */
    public Optional<String> verify(String token) {
        if (token == null || token.length() > 512 || token.indexOf('.') < 1) {
            return Optional.empty();
        }
        try {
            String userId = new String(DECODER.decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
            byte[] given = DECODER.decode(token.substring(token.indexOf('.') + 1));
            return MessageDigest.isEqual(given, mac(userId)) ? Optional.of(userId) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("unsubscribe:" + userId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
