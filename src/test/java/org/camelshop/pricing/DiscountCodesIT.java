package org.camelshop.pricing;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Admin CRUD of discount codes. */
@ExtendWith(LocalStackExtension.class)
class DiscountCodesIT {

    private final RunningShop shop;
    private final String admin;
    private final String code = "CODE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    DiscountCodesIT(RunningShop shop) {
        this.shop = shop;
        this.admin = shop.loginAdmin();
    }

    @Test
    void createReadUpdateDeactivate() {
        HttpResponse<String> created = shop.call("POST", "/api/admin/discount-codes", "{\"code\":\"" + code.toLowerCase()
                + "\",\"type\":\"fixed\",\"value\":500,\"usage_limit\":100,\"expires_at\":\"2099-01-01T00:00:00Z\"}", admin);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(code, json(created).get("code").asText());
        assertEquals(409, shop.call("POST", "/api/admin/discount-codes", "{\"code\":\"" + code + "\",\"type\":\"percent\",\"value\":5}", admin).statusCode());

        JsonNode updated = json(shop.call("PUT", "/api/admin/discount-codes/" + code, "{\"value\":750}", admin));
        assertEquals(750, updated.get("value").asLong());
        assertEquals(100, updated.get("usage_limit").asInt(), "unchanged fields stay");
        assertEquals(code, json(shop.call("GET", "/api/admin/discount-codes/" + code, null, admin)).get("code").asText());
        assertEquals(true, json(shop.call("GET", "/api/admin/discount-codes", null, admin)).toString().contains(code));

        assertFalse(json(shop.call("DELETE", "/api/admin/discount-codes/" + code, null, admin)).get("active").asBoolean());
        assertEquals(404, shop.call("GET", "/api/admin/discount-codes/NOPE-123", null, admin).statusCode());
    }

    @Test
    void onlyAdminsAndOnlyValidCodes() {
        String body = "{\"code\":\"" + code + "\",\"type\":\"percent\",\"value\":10}";
        assertEquals(401, shop.call("POST", "/api/admin/discount-codes", body, null).statusCode());
        assertEquals(403, shop.call("POST", "/api/admin/discount-codes", body, shop.newShopper("Nosy")).statusCode());
        assertEquals(403, shop.call("GET", "/api/admin/discount-codes", null, shop.newShopper("Nosy")).statusCode());
        for (String bad : new String[] {
                "{\"code\":\"x\",\"type\":\"percent\",\"value\":10}",
                "{\"code\":\"" + code + "\",\"type\":\"bogo\",\"value\":10}",
                "{\"code\":\"" + code + "\",\"type\":\"percent\",\"value\":150}",
                "{\"code\":\"" + code + "\",\"type\":\"fixed\",\"value\":0}",
                "{\"code\":\"" + code + "\",\"type\":\"fixed\",\"value\":100,\"expires_at\":\"tomorrow\"}",
                "{\"code\":\"" + code + "\",\"type\":\"fixed\",\"value\":100,\"usage_limit\":0}"}) {
            assertEquals(400, shop.call("POST", "/api/admin/discount-codes", bad, admin).statusCode(), bad);
        }
        assertEquals(404, shop.call("GET", "/api/admin/discount-codes/" + code, null, admin).statusCode(), "nothing was written");
    }
}
