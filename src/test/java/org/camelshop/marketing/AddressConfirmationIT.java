package org.camelshop.marketing;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A new address on the preferences page is only used once its owner confirms it: until then marketing mail keeps going to
 * the confirmed one, and the new address gets nothing but the confirmation mail (so nobody can sign up a stranger).
 */
@ExtendWith(LocalStackExtension.class)
class AddressConfirmationIT {

    private final RunningShop shop;
    private final LocalStack stack;

    AddressConfirmationIT(RunningShop shop, LocalStack stack) {
        this.shop = shop;
        this.stack = stack;
    }

    @Test
    void aNewAddressIsPendingUntilTheLinkMailedToItIsFollowed() {
        String token = shop.newShopper("Confirm");
        String confirmed = json(shop.call("GET", "/api/preferences", null, token)).get("email").asText();
        String requested = "new-" + UUID.randomUUID() + "@example.org";

        HttpResponse<String> changed = shop.call("PUT", "/api/preferences", "{\"email\":\"" + requested.toUpperCase() + "\"}", token);

        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(confirmed, json(changed).get("email").asText(), "marketing mail still goes to the confirmed address");
        assertEquals(requested, json(changed).get("pending_email").asText());
        JsonNode mail = await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(requested), Optional::isPresent).orElseThrow();
        assertEquals("Confirm your e-mail address", mail.get("subject").asText());
        Matcher link = Pattern.compile("(http://\\S*/api/preferences/confirm-email\\?token=\\S+)").matcher(mail.get("body").get("text").asText());
        assertTrue(link.find(), mail.toString());
        String path = URI.create(link.group(1)).getRawPath() + "?" + URI.create(link.group(1)).getRawQuery();

        HttpResponse<String> forged = shop.get(path.substring(0, path.length() - 2) + "xx");
        assertEquals(400, forged.statusCode(), forged.body());
        assertEquals(confirmed, json(shop.call("GET", "/api/preferences", null, token)).get("email").asText(), "a forged link changes nothing");

        HttpResponse<String> followed = shop.get(path); // no login: the link alone proves the address is theirs
        assertEquals(303, followed.statusCode(), followed.body());
        assertEquals("/preferences.html?email_confirmed=1", followed.headers().firstValue("Location").orElseThrow());
        JsonNode now = json(shop.call("GET", "/api/preferences", null, token));
        assertEquals(requested, now.get("email").asText());
        assertFalse(now.hasNonNull("pending_email"));
        assertEquals(400, shop.get(path).statusCode(), "a used link does nothing more");
    }

    private Optional<JsonNode> mailTo(String address) {
        HttpResponse<String> store = shop.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().ses() + "/store")).GET());
        for (JsonNode mail : json(store).get("emails")) {
            if (mail.get("destination").get("to").get(0).asText().equals(address)) {
                return Optional.of(mail);
            }
        }
        return Optional.empty();
    }
}
