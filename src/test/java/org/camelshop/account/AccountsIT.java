package org.camelshop.account;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.platform.AwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Register, log in, me, log out; sessions in Redis; BCrypt hashes in DynamoDB; login attempts rate limited. */
@ExtendWith(LocalStackExtension.class)
class AccountsIT {

    private final RunningShop shop;
    private final String email = "ann-" + UUID.randomUUID() + "@example.com";

    AccountsIT(RunningShop shop) {
        this.shop = shop;
    }

    private HttpResponse<String> register(String mail, String password, String name) {
        return shop.call("POST", "/api/auth/register", "{\"email\":\"" + mail + "\",\"password\":\"" + password + "\",\"name\":\"" + name + "\"}", null);
    }

    @Test
    void registerLoginMeLogout() {
        HttpResponse<String> registered = register(email, "correct horse", "Ann");
        assertEquals(201, registered.statusCode(), registered.body());
        JsonNode user = json(registered);
        assertEquals(email, user.get("email").asText());
        assertEquals("customer", user.get("role").asText());
        assertFalse(registered.body().contains("password"), "no password or hash in the answer");

        HttpResponse<String> login = shop.call("POST", "/api/auth/login", "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"correct horse\"}", null);
        assertEquals(200, login.statusCode(), login.body());
        String token = json(login).get("token").asText();
        assertEquals(86400, json(login).get("expires_in").asInt());

        HttpResponse<String> me = shop.call("GET", "/api/auth/me", null, token);
        assertEquals(200, me.statusCode());
        assertEquals(user.get("user_id"), json(me).get("user_id"));

        assertEquals(204, shop.call("POST", "/api/auth/logout", null, token).statusCode());
        assertEquals(401, shop.call("GET", "/api/auth/me", null, token).statusCode(), "the session is gone");
    }

    @Test
    void storesASlowHashNotThePassword(LocalStack stack) throws Exception {
        assertEquals(201, register(email, "correct horse", "Ann").statusCode());
        try (AwsClients aws = stack.awsClients()) {
            var guard = aws.dynamoDb().getItem(r -> r.tableName("Users").key(Map.of("user_id", AttributeValue.fromS("email#" + email)))).item();
            var item = aws.dynamoDb().getItem(r -> r.tableName("Users").key(Map.of("user_id", guard.get("owner")))).item();
            String hash = item.get("password_hash").s();
            assertTrue(hash.startsWith("$2a$10$"), "BCrypt, cost 10: " + hash);
            assertFalse(hash.contains("correct horse"));
        }
    }

    @Test
    void anAddressCanOnlyRegisterOnceWhateverItsCase() {
        assertEquals(201, register(email, "correct horse", "Ann").statusCode());
        HttpResponse<String> again = register(email.toUpperCase(), "other password", "Ann Again");
        assertEquals(409, again.statusCode());
        assertEquals("email_taken", json(again).get("error").asText());
    }

    @Test
    void wrongPasswordAndUnknownAddressLookTheSame() {
        assertEquals(201, register(email, "correct horse", "Ann").statusCode());
        HttpResponse<String> wrong = shop.call("POST", "/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"wrong password\"}", null);
        HttpResponse<String> unknown = shop.call("POST", "/api/auth/login", "{\"email\":\"nobody-" + email + "\",\"password\":\"wrong password\"}", null);
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(json(wrong).get("message"), json(unknown).get("message"));
    }

    @Test
    void forgedMalformedAndMissingTokensAre401() {
        assertEquals(401, shop.call("GET", "/api/auth/me", null, null).statusCode());
        assertEquals(401, shop.call("GET", "/api/auth/me", null, "forged-token").statusCode());
        assertEquals(401, shop.call("GET", "/api/auth/me", null, "A".repeat(43)).statusCode(), "well-formed but unknown");
        HttpResponse<String> response = shop.call("GET", "/api/auth/me", null, null);
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void configuredAdminAndDemoShopperExist() {
        String admin = shop.loginAdmin();
        assertEquals("admin", json(shop.call("GET", "/api/auth/me", null, admin)).get("role").asText());
        String demo = shop.login("demo@shop.local", "demo-password");
        assertEquals("customer", json(shop.call("GET", "/api/auth/me", null, demo)).get("role").asText());
    }

    @Test
    void loginAttemptsAreRateLimitedPerClient(LocalStack stack) {
        // a shop of its own, with the real login limit (the shared test shop lifts it)
        try (RunningShop limited = RunningShop.start(stack.ports(), Map.of("shop.rate-limit.namespace", "login-" + UUID.randomUUID()))) {
            String body = "{\"email\":\"" + email + "\",\"password\":\"wrong password\"}";
            for (int i = 1; i <= 10; i++) {
                assertEquals(401, limited.call("POST", "/api/auth/login", body, null).statusCode(), "attempt " + i);
            }
            HttpResponse<String> eleventh = limited.call("POST", "/api/auth/login", body, null);
            assertEquals(429, eleventh.statusCode());
            assertEquals("rate_limited", json(eleventh).get("error").asText());
            assertTrue(Integer.parseInt(eleventh.headers().firstValue("Retry-After").orElseThrow()) > 0);
        }
    }
}
