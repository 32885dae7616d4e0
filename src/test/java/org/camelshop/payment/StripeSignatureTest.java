package org.camelshop.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import org.junit.jupiter.api.Test;

/** What the sandbox signs, Stripe's SDK accepts; anything else it refuses (the webhook route's check). */
class StripeSignatureTest {

    private static final String SECRET = "whsec_test_secret";
    private static final String PAYLOAD = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{}}}";

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void aSignatureMadeWithTheSecretVerifies() throws Exception {
        Event event = Webhook.constructEvent(PAYLOAD, StripeSignature.header(PAYLOAD, SECRET, now()), SECRET, 300);
        assertEquals("evt_1", event.getId());
    }

    @Test
    void anotherSecretIsRefused() {
        assertThrows(SignatureVerificationException.class,
                () -> Webhook.constructEvent(PAYLOAD, StripeSignature.header(PAYLOAD, "whsec_other", now()), SECRET, 300));
    }

    @Test
    void aChangedPayloadIsRefused() {
        String header = StripeSignature.header(PAYLOAD, SECRET, now());
        assertThrows(SignatureVerificationException.class, () -> Webhook.constructEvent(PAYLOAD.replace("evt_1", "evt_2"), header, SECRET, 300));
    }

    @Test
    void aSignatureOlderThanTheToleranceIsRefused() {
        assertThrows(SignatureVerificationException.class,
                () -> Webhook.constructEvent(PAYLOAD, StripeSignature.header(PAYLOAD, SECRET, now() - 301), SECRET, 300));
    }

    @Test
    void theHeaderHasStripesShape() {
        assertEquals("t=1700000000,v1=" + StripeSignature.hmacSha256(SECRET, "1700000000." + PAYLOAD), StripeSignature.header(PAYLOAD, SECRET, 1_700_000_000));
    }
}
