package org.camelshop.payment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature scheme, for the side that signs (the sandbox, tests): header
 * {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" with the endpoint secret>}. The receiving side
 * verifies with the SDK's {@code Webhook.constructEvent}.
 */
public final class StripeSignature {

    private StripeSignature() {
    }

    public static String header(String payload, String secret, long timestampSeconds) {
        return "t=" + timestampSeconds + ",v1=" + hmacSha256(secret, timestampSeconds + "." + payload);
    }

    public static String hmacSha256(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
