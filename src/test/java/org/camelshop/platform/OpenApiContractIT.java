package org.camelshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document the running shop serves (/api/openapi.json) is a contract a client can be generated from: the
 * swagger-parser validator reports nothing, every operation declares its path parameters, its responses (each with a
 * description, errors typed as the shop's error body) and, where it needs a caller, its security.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractIT {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private final RunningShop shop;
    private OpenAPI api;

    OpenApiContractIT(RunningShop shop) {
        this.shop = shop;
    }

    @BeforeAll
    void fetch() throws Exception {
        HttpResponse<String> response = shop.get("/api/openapi.json");
        assertEquals(200, response.statusCode(), response.body());
        String document = response.body();
        // kept for a look at what a client generator gets
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/openapi.json"), document);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        assertEquals(List.of(), result.getMessages(), "the validator's messages");
        api = result.getOpenAPI();
    }

    @Test
    void everyOperationDeclaresItsPathParameters() {
        List<String> missing = new ArrayList<>();
        forEachOperation((path, method, operation) -> {
            Set<String> declared = new TreeSet<>();
            if (operation.getParameters() != null) {
                operation.getParameters().stream().filter(p -> "path".equals(p.getIn())).map(Parameter::getName).forEach(declared::add);
            }
            Set<String> inPath = new TreeSet<>();
            Matcher names = PATH_PARAMETER.matcher(path);
            while (names.find()) {
                inPath.add(names.group(1));
            }
            if (!declared.equals(inPath)) {
                missing.add(method + " " + path + " declares " + declared + ", path has " + inPath);
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void everyOperationDeclaresASuccessAndTypedErrors() {
        List<String> wrong = new ArrayList<>();
        forEachOperation((path, method, operation) -> {
            Map<String, ApiResponse> responses = operation.getResponses();
            if (responses == null || responses.keySet().stream().noneMatch(code -> code.startsWith("2") || code.startsWith("3"))) {
                wrong.add(method + " " + path + ": no success response");
                return;
            }
            responses.forEach((code, response) -> {
                boolean error = code.startsWith("4") || code.startsWith("5");
                // Camel lists every answer under the operation's produces type (a PDF or CSV operation's errors too)
                boolean typed = response.getContent() != null && response.getContent().values().stream()
                        .allMatch(media -> media.getSchema() != null && String.valueOf(media.getSchema().get$ref()).endsWith("/ErrorBody"));
                if (response.getDescription() == null || response.getDescription().isBlank() || error && !typed) {
                    wrong.add(method + " " + path + " " + code + (error ? ": not the error body" : ": no description"));
                }
            });
        });
        assertEquals(List.of(), wrong);
        assertEquals(Set.of("error", "message", "details"), api.getComponents().getSchemas().get("ErrorBody").getProperties().keySet());
    }

    @Test
    void operationsThatNeedACallerSaySo() {
        assertTrue(api.getComponents().getSecuritySchemes().keySet().containsAll(Set.of("bearer", "guestSession")),
                api.getComponents().getSecuritySchemes().keySet().toString());
        Operation refund = api.getPaths().get("/api/orders/{id}/refund").getPost();
        assertEquals(List.of("bearer"), refund.getSecurity().stream().flatMap(s -> s.keySet().stream()).toList());
        Operation addToCart = api.getPaths().get("/api/cart/add").getPost();
        assertEquals(Set.of("bearer", "guestSession"),
                Set.copyOf(addToCart.getSecurity().stream().flatMap(s -> s.keySet().stream()).toList()));
        assertTrue(api.getPaths().get("/api/products").getGet().getSecurity() == null, "the catalogue is public");
    }

    /** A body the shop reads into a record is published as that record's schema, with the JSON names a client sends. */
    @Test
    void requestBodiesAreTyped() {
        assertEquals(Set.of("shipping_address", "billing_address", "payment_method", "discount_code", "accept_terms", "email", "notes"),
                requestSchema("/api/orders/create", PathItem.HttpMethod.POST).getProperties().keySet());
        assertEquals(Set.of("order_id", "paypal_order_id"), requestSchema("/api/payment/paypal/capture", PathItem.HttpMethod.POST)
                .getProperties().keySet());
        Operation refund = api.getPaths().get("/api/orders/{id}/refund").getPost();
        assertEquals(Boolean.FALSE, refund.getRequestBody().getRequired(), "a refund without a body refunds all that is left");
    }

    private io.swagger.v3.oas.models.media.Schema<?> requestSchema(String path, PathItem.HttpMethod method) {
        String ref = api.getPaths().get(path).readOperationsMap().get(method).getRequestBody().getContent().get("application/json").getSchema().get$ref();
        return api.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** The guard enforces the declaration: every admin-only operation refuses a guest (401) and a customer (403). */
    @Test
    void everyOperationDeclaredAdminOnlyRefusesGuestsAndCustomers() {
        String customer = shop.newShopper("Contract");
        List<String> wrong = new ArrayList<>();
        int[] adminOperations = {0};
        forEachOperation((path, method, operation) -> {
            boolean admin = operation.getSecurity() != null && operation.getSecurity().stream()
                    .anyMatch(requirement -> requirement.getOrDefault("bearer", List.of()).contains("admin"));
            if (!admin) {
                return;
            }
            adminOperations[0]++;
            String concrete = PATH_PARAMETER.matcher(path).replaceAll("contract-1");
            // a body of the type the operation takes (an upload route only matches its own content types)
            String type = operation.getRequestBody() == null || operation.getRequestBody().getContent() == null ? null
                    : operation.getRequestBody().getContent().keySet().iterator().next();
            int guest = call(method, concrete, type, null);
            int shopper = call(method, concrete, type, customer);
            if (guest != 401 || shopper != 403) {
                wrong.add(method + " " + path + ": guest " + guest + ", customer " + shopper);
            }
        });
        assertEquals(List.of(), wrong);
        assertTrue(adminOperations[0] >= 29, adminOperations[0] + " admin operations");
    }

    private int call(String method, String path, String contentType, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).method(method,
                contentType == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return shop.send(request).statusCode();
    }

    private interface OperationVisitor {
        void visit(String path, String method, Operation operation);
    }

    private void forEachOperation(OperationVisitor visitor) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((PathItem.HttpMethod method, Operation operation) -> visitor.visit(path, method.name(), operation)));
    }
}
