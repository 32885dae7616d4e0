package org.camelshop.marketing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.camelshop.platform.Signatures;

/**
 * One-click unsubscribe tokens: the user id and an HMAC-SHA256 of it under the shop's secret. Anyone holding the
 * link may unsubscribe that one user and nobody else; nothing needs storing, and a forged token fails the check.
 * The same secret signs the links that confirm a new e-mail address (user, address and expiry, under another purpose).
 */
public final class UnsubscribeTokens {

    /** A confirmed change of address: who, to which address. */
    public record AddressChange(String userId, String email) {
    }

    private static final String UNSUBSCRIBE = "unsubscribe";
    private static final String CONFIRM_ADDRESS = "confirm-email";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private final Signatures signatures;

    public UnsubscribeTokens(String secret) {
        this.signatures = new Signatures(secret, "shop.marketing.link-secret");
    }

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

    /** The user a token was issued for, if it is genuine. */
    public Optional<String> verify(String token) {
        return verify(UNSUBSCRIBE, token);
    }

    private String sign(String purpose, String payload) {
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + signatures.sign(purpose, payload);
    }

    private Optional<String> verify(String purpose, String token) {
        if (token == null || token.length() > 512 || token.indexOf('.') < 1) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
            return signatures.verify(purpose, payload, token.substring(token.indexOf('.') + 1)) ? Optional.of(payload) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
