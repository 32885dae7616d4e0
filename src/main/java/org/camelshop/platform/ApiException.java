package org.camelshop.platform;

import java.util.List;

/**
 * A failure the caller should see as a JSON error: {@code {"error", "message", "details"}} with an HTTP status.
 * Thrown by beans at the edge; turned into the response by the shared {@code api-errors} route configuration.
 */
public class ApiException extends RuntimeException {

    /** One problem with one input field, e.g. {@code {"field": "page_size", "problem": "must be at most 100"}}. */
    public record FieldProblem(String field, String problem) {
    }

    private final int status;
    private final String code;
    private final List<FieldProblem> details;

    public ApiException(int status, String code, String message, List<FieldProblem> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public static ApiException invalidInput(List<FieldProblem> problems) {
        String fields = String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList());
        return new ApiException(400, "invalid_input", "Invalid value for: " + fields, problems);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " was not found", List.of());
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
}
