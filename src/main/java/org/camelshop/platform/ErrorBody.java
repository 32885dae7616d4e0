package org.camelshop.platform;

import java.util.List;

/**
 * The JSON body of every error answer: a stable code for programs ({@code error}), a sentence for people ({@code
 * message}) and the fields at fault ({@code details}, empty unless the input was invalid). Also the error schema of the
 * OpenAPI document (the REST DSL's error responses name this class as their model).
 */
public record ErrorBody(String error, String message, List<ApiException.FieldProblem> details) {

    static ErrorBody of(ApiException exception) {
        return new ErrorBody(exception.code(), exception.getMessage(), exception.details());
    }
}
