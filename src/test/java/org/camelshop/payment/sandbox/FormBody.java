package org.camelshop.payment.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stripe's request encoding: {@code application/x-www-form-urlencoded} with nested keys in brackets
 * ({@code metadata[order_id]=...}). Flattened here into key → value, brackets kept, which is all the sandbox needs.
 */
public final class FormBody {

    private FormBody() {
    }

    /**
     * The form of a request. platform-http (Vert.x) may already have decoded a form-encoded body into message headers, in
     * which case the body is empty and the fields are read from there.
     */
    public static Map<String, String> of(org.apache.camel.Exchange exchange) {
        var message = exchange.getMessage();
        if (message.getBody() instanceof Map<?, ?> map) {
            Map<String, String> values = new LinkedHashMap<>();
            map.forEach((name, value) -> values.put(String.valueOf(name), String.valueOf(value)));
            return values;
        }
        String body = message.getBody(String.class);
        if (body != null && !body.isBlank()) {
            return parse(body);
        }
        Map<String, String> values = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (value != null && !name.startsWith("Camel")) {
                values.put(name, String.valueOf(value));
            }
        });
        return values;
    }

    public static Map<String, String> parse(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return values;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    /** The {@code prefix[...]} entries as a map of their inner keys ({@code metadata[order_id]} → {@code order_id}). */
    public static Map<String, String> nested(Map<String, String> form, String prefix) {
        Map<String, String> nested = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith(prefix + "[") && name.endsWith("]")) {
                nested.put(name.substring(prefix.length() + 1, name.length() - 1), value);
            }
        });
        return nested;
    }
}
