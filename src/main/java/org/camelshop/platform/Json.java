package org.camelshop.platform;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.apache.camel.Exchange;

/**
 * JSON in and out of the API. Reading is strict about types (a string where a number belongs is a 400 naming the
 * field) and ignores unknown fields, so a client can never set a field the record does not declare.
 */
public final class Json {

    public static final String CONTENT_TYPE = "application/json";
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS, false);

    static {
        // a number where text belongs (e.g. "password": 123) is an error, not silently turned into "123"
        MAPPER.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses a request body into {@code type}; any malformed or mistyped input is a 400 naming the field. */
    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ApiException.invalidField("body", "must be a JSON object");
        }
        if (body.length() > MAX_BODY_BYTES) {
            throw new ApiException(413, "payload_too_large", "Request body must be at most " + MAX_BODY_BYTES + " bytes", List.of());
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiException.invalidField("body", "must be a JSON object");
            }
            return value;
        } catch (MismatchedInputException e) {
            throw ApiException.invalidField(fieldPath(e), expectation(e));
        } catch (JsonProcessingException e) {
            throw ApiException.invalidField("body", "is not valid JSON");
        }
    }

    /** The request body of an exchange, parsed into {@code type}; a body that is not declared JSON is a 415. */
    public static <T> T body(Exchange exchange, Class<T> type) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith(CONTENT_TYPE)) {
            throw new ApiException(415, "unsupported_media_type", "Send the body as application/json", List.of());
        }
        return read(exchange.getMessage().getBody(String.class), type);
    }

    private static String fieldPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    private static String expectation(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "has the wrong type";
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
            return "must be a whole number";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "must be true or false";
        }
        if (target == String.class) {
            return "must be a string";
        }
        return "has the wrong type";
    }
}
