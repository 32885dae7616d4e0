package org.camelshop.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    private final UnsubscribeTokens tokens = new UnsubscribeTokens("a-test-secret-of-some-length");

    @Test
    void aTokenNamesTheUserItWasIssuedFor() {
        assertEquals(Optional.of("user-1"), tokens.verify(tokens.issue("user-1")));
    }

    @Test
    void aTokenCannotBeTurnedIntoAnotherUsers() {
        String token = tokens.issue("user-1");
        String otherUser = Base64.getUrlEncoder().withoutPadding().encodeToString("user-2".getBytes(StandardCharsets.UTF_8));
        assertTrue(tokens.verify(otherUser + token.substring(token.indexOf('.'))).isEmpty());
    }

    @Test
    void forgedGarbledOrForeignTokensFail() {
        assertTrue(tokens.verify(null).isEmpty());
        assertTrue(tokens.verify("").isEmpty());
        assertTrue(tokens.verify("no-dot").isEmpty());
        assertTrue(tokens.verify("dXNlci0x.not*base64").isEmpty());
        assertTrue(new UnsubscribeTokens("another-secret-entirely").verify(tokens.issue("user-1")).isEmpty(), "another shop's secret");
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new UnsubscribeTokens("short"));
    }
}
