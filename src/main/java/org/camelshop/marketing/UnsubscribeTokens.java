package org.camelshop.marketing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.camelshop.platform.Signatures;

/**
 * One-click unsubscribe tokens: the user id and an HMAC-SHA256 of it under the shop's secret. Anyone holding the
 * link may unsubscribe that one user and nobody else; nothing needs storing, and a forged token fails the check.
 */
public final class UnsubscribeTokens {

    private static final String PURPOSE = "unsubscribe";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private final Signatures signatures;

    public UnsubscribeTokens(String secret) {
        this.signatures = new Signatures(secret, "shop.marketing.link-secret");
    }

    public String issue(String userId) {
        return ENCODER.encodeToString(userId.getBytes(StandardCharsets.UTF_8)) + "." + signatures.sign(PURPOSE, userId);
    }

    /** The user a token was issued for, if it is genuine. */
    public Optional<String> verify(String token) {
        if (token == null || token.length() > 512 || token.indexOf('.') < 1) {
            return Optional.empty();
        }
        try {
            String userId = new String(DECODER.decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
            return signatures.verify(PURPOSE, userId, token.substring(token.indexOf('.') + 1)) ? Optional.of(userId) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
