package org.camelshop.platform;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;
import org.camelshop.local.StackPorts;
import org.camelshop.platform.provision.ResourcePlan;
import org.camelshop.platform.provision.TableSpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Bad input generated from the shop's own OpenAPI document, so every operation is covered, new ones included: odd path
 * ids, wrong types, nulls, missing and extra fields, huge and deeply nested bodies, invalid UTF-8, bad content types,
 * garbage query parameters, as a guest, a customer, an admin and with a forged token. None may get a 5xx, and none may
 * write anything: every table holds as many items afterwards as before.
 */
class GeneratedBadInputIT {

    /** One generated request. */
    record Probe(String who, String method, String path, String contentType, byte[] body) {
        @Override
        public String toString() {
            return who + " " + method + " " + path + (contentType == null ? "" : " [" + contentType + ", " + body.length + " bytes]");
        }
    }

    private static final List<String> ODD_IDS = List.of("null", "undefined", "true", "%00", "x".repeat(300), "..%2F..%2Fetc%2Fpasswd",
            "%F0%9F%98%80", "1e309", "-1", "%27%20OR%201%3D1", "%3Cscript%3E", "prod-nonexistent", UUID.randomUUID().toString());
    private static final List<String> ODD_QUERIES = List.of("page=-1&page_size=abc", "limit=99999999999999999999", "status=%00",
            "token=null&kind=%3Cx%3E", "product_id=&q=" + "q".repeat(500), "page=1&page=2");
    private static final String JSON = "application/json";
    /** Operations that end the caller's session: only sent without a real one, so the other probes keep theirs. */
    private static final List<String> SESSION_ENDING = List.of("POST /api/auth/logout", "DELETE /api/account");

    @Test
    void noGeneratedBadRequestGetsA5xxOrWritesAnything() throws Exception {
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = RunningShop.start(stack.ports(), Map.of("shop.rate-limit.public.limit", "1000000",
                     "shop.rate-limit.login.limit", "1000000", "shop.rate-limit.admin.limit", "1000000", "shop.rate-limit.cart.limit", "1000000",
                     "shop.rate-limit.payment.limit", "1000000"));
             AwsClients aws = stack.awsClients()) {
            Map<String, String> tokens = Map.of("customer", shop.newShopper("Fuzz"), "admin", shop.loginAdmin(), "forged", "A".repeat(43));
            Map<String, Long> before = itemCounts(aws);

            JsonNode openApi = json(shop.get("/api/openapi.json"));
            List<Probe> probes = probes(openApi);
            List<String> serverErrors = new ArrayList<>();
            List<String> accepted = new ArrayList<>();
            // four callers at once, as a shop's clients would be; the answers are judged in the probes' order
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                probes.forEach(probe -> answers.add(callers.submit(() -> send(shop, probe, tokens))));
            } finally {
                callers.shutdown();
            }
            for (int i = 0; i < probes.size(); i++) {
                Probe probe = probes.get(i);
                HttpResponse<String> response = answers.get(i).get();
                if (response.statusCode() >= 500) {
                    serverErrors.add(probe + " -> " + response.statusCode() + " " + response.body());
                } else if (response.statusCode() < 400 && !probe.method().equals("GET")) {
                    accepted.add(probe + " -> " + response.statusCode());
                }
            }

            assertTrue(probes.size() >= 1000, "generated " + probes.size());
            assertEquals(List.of(), serverErrors, serverErrors.size() + " of " + probes.size() + " requests got a 5xx");
            assertEquals(before, itemCounts(aws), "no bad request wrote anything; accepted: " + accepted);
            long operations = 0;
            for (JsonNode operationsOfPath : openApi.get("paths")) {
                operations += java.util.stream.StreamSupport.stream(((Iterable<String>) operationsOfPath::fieldNames).spliterator(), false)
                        .filter(m -> List.of("get", "post", "put", "delete", "patch").contains(m)).count();
            }
            System.out.printf("GeneratedBadInputIT: %d requests over %d operations, 0 x 5xx%n", probes.size(), operations);
        }
    }

    /** For every operation: odd path ids, then bad bodies (with a body) or bad queries and content types (without). */
    static List<Probe> probes(JsonNode openApi) {
        List<Probe> probes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                String template = path.getKey();
                boolean takesBody = !method.equals("GET");
                if (template.contains("{")) {
                    for (String id : ODD_IDS) {
                        for (String who : List.of("guest", "customer", "admin")) {
                            probes.add(new Probe(who, method, template.replaceAll("\\{[^}]+}", id), takesBody ? JSON : null,
                                    takesBody ? "{\"quantity\":1}".getBytes(StandardCharsets.UTF_8) : new byte[0]));
                        }
                    }
                    continue; // with a real id, a valid request could succeed and write
                }
                if (takesBody) {
                    for (Map.Entry<String, byte[]> body : badBodies().entrySet()) {
                        for (String who : SESSION_ENDING.contains(method + " " + template) ? List.of("guest", "forged")
                                : List.of("guest", "customer", "admin", "forged")) {
                            probes.add(new Probe(who, method, template, body.getKey(), body.getValue()));
                        }
                    }
                } else {
                    for (String query : ODD_QUERIES) {
                        for (String who : List.of("guest", "customer", "admin", "forged")) {
                            probes.add(new Probe(who, method, template + "?" + query, null, new byte[0]));
                        }
                    }
                }
            }
        }
        return probes;
    }

    /** Content type to body: none of them is a valid request for any operation. */
    private static Map<String, byte[]> badBodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        List<String> texts = List.of("", "null", "[]", "123", "\"text\"", "{bad", "{\"a\":1} trailing",
                "{\"product_id\":null,\"quantity\":null,\"email\":null,\"order_id\":null,\"rating\":null,\"status\":null}",
                "{\"product_id\":123,\"quantity\":\"many\",\"email\":[],\"password\":{},\"price\":\"1\",\"rating\":1.5,\"status\":7}",
                "{\"product_id\":\"../prod-0001\",\"quantity\":-5,\"price\":-1,\"stock_quantity\":-1,\"rating\":99,\"code\":\"\"}",
                "{\"__proto__\":{\"admin\":true},\"role\":\"admin\",\"is_admin\":true,\"user_id\":\"someone-else\"}",
                "[".repeat(5_000) + "]".repeat(5_000),
                "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000),
                "{\"name\":\"" + "n".repeat(100_000) + "\"}");
        for (int i = 0; i < texts.size(); i++) {
            bodies.put(JSON + ";i=" + i, texts.get(i).getBytes(StandardCharsets.UTF_8));
        }
        bodies.put(JSON, new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'});
        bodies.put("text/plain", "{\"quantity\":1}".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/xml", "<order><quantity>1</quantity></order>".getBytes(StandardCharsets.UTF_8));
        bodies.put("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/x-www-form-urlencoded", "quantity=1&product_id=prod-0001".getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    private static HttpResponse<String> send(RunningShop shop, Probe probe, Map<String, String> tokens) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + probe.path()))
                .method(probe.method(), HttpRequest.BodyPublishers.ofByteArray(probe.body()));
        if (probe.contentType() != null) {
            // the ";i=n" only tells the generated bodies apart
            request.header("Content-Type", probe.contentType().replaceAll(";i=\\d+$", ""));
        }
        if (tokens.containsKey(probe.who())) {
            request.header("Authorization", "Bearer " + tokens.get(probe.who()));
        } else {
            request.header("X-Session-Id", "guest".equals(probe.who()) ? UUID.randomUUID().toString() : "not-a-uuid");
        }
        return shop.send(request);
    }

    private static Map<String, Long> itemCounts(AwsClients aws) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TableSpec table : ResourcePlan.TABLES) {
            if (table.name().equals(ResourcePlan.SCHEDULED_RUNS)) {
                continue; // claims of timer runs: the shop's own schedule writes them, no request does
            }
            long count = aws.dynamoDb().scanPaginator(r -> r.tableName(table.name()).select(Select.COUNT)).stream()
                    .mapToLong(page -> page.count()).sum();
            counts.put(table.name(), count);
        }
        return counts;
    }
}
