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
 * The same secret signs the links that confirm a new e-mail address (user, address and expiry, under another purpose).
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

    /** A confirmed change of address: who, to which address. */
    public record AddressChange(String userId, String email) {
    }

    private static final String UNSUBSCRIBE = "unsubscribe:";
    private static final String CONFIRM_ADDRESS = "confirm-email:";

    public String issue(String userId) {
        return sign(UNSUBSCRIBE, userId);
    }

    /** The token of a link that confirms {@code email} as {@code userId}'s address, valid until {@code expiresAt}. */
    public String issueAddressConfirmation(String userId, String email, java.time.Instant expiresAt) {
        return sign(CONFIRM_ADDRESS, userId + "\n" + email + "\n" + expiresAt.getEpochSecond());
    }

    /** The change a confirmation token was issued for, if it is genuine and not expired at {@code now}. */
    public Optional<AddressChange> verifyAddressConfirmation(String token, java.time.Instant now) {
        return verify(CONFIRM_ADDRESS, token).map(payload -> payload.split("\n", -1)).filter(parts -> parts.length == 3)
                .filter(parts -> parts[2].matches("\\d{1,12}") && Long.parseLong(parts[2]) > now.getEpochSecond())
                .map(parts -> new AddressChange(parts[0], parts[1]));
    }

    private String sign(String purpose, String payload) {
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(purpose, payload));
    }

    /** The user a token was issued for, if it is genuine. */
    public Optional<String> verify(String token) {
        return verify(UNSUBSCRIBE, token);
    }

    private Optional<String> verify(String purpose, String token) {
        if (token == null || token.length() > 512 || token.indexOf('.') < 1) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
            byte[] given = DECODER.decode(token.substring(token.indexOf('.') + 1));
            return MessageDigest.isEqual(given, mac(purpose, payload)) ? Optional.of(payload) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String purpose, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal((purpose + payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
