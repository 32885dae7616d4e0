package org.camelshop.platform;

import java.util.List;
import java.util.Map;

/**
 * A failure the caller should see as a JSON error: {@code {"error", "message", "details"}} with an HTTP status
 * (and headers such as {@code Retry-After}). Thrown by beans; turned into the response by the shared error handling of the REST routes (routes/platform.yaml).
 */
public class ApiException extends RuntimeException {

    /** One problem with one input field, e.g. {@code {"field": "page_size", "problem": "must be at most 100"}}. */
    public record FieldProblem(String field, String problem) {
    }

    private final int status;
    private final String code;
    private final List<FieldProblem> details;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String message, List<FieldProblem> details) {
        this(status, code, message, details, Map.of());
    }

    public ApiException(int status, String code, String message, List<FieldProblem> details, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
        this.headers = Map.copyOf(headers);
    }

    public static ApiException invalidInput(List<FieldProblem> problems) {
        String fields = String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList());
        return new ApiException(400, "invalid_input", "Invalid value for: " + fields, problems);
    }

    public static ApiException invalidField(String field, String problem) {
        return invalidInput(List.of(new FieldProblem(field, problem)));
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, List.of(), Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, List.of());
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " was not found", List.of());
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
