package org.camelshop.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of short values under a secret of the shop, for links that carry their own permission
 * (unsubscribe, a guest's order). The purpose is part of what is signed, so a signature made for one kind of link
 * never passes for another.
 */
public final class Signatures {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final byte[] secret;

    /** {@code setting} names the property the secret came from, for the start-up error. */
    public Signatures(String secret, String setting) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException(setting + " must be at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The URL-safe signature of {@code value} for {@code purpose}. */
    public String sign(String purpose, String value) {
        return ENCODER.encodeToString(mac(purpose + ":" + value));
    }

    /** True when {@code signature} is this shop's signature of {@code value} for {@code purpose} (constant time). */
    public boolean verify(String purpose, String value, String signature) {
        return signature != null && value != null
                && MessageDigest.isEqual(sign(purpose, value).getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
