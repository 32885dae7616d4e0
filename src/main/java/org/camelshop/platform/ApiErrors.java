package org.camelshop.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the caught exception of an exchange as the shop's JSON error body; never leaks a stack trace. */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private final ObjectMapper json = new ObjectMapper();

    public void toResponse(Exchange exchange) throws JsonProcessingException {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // bean expressions wrap what they throw; the ApiException may be a cause further down
        ApiException api = ObjectHelper.getException(ApiException.class, caught);
        ApiException error = api != null ? api : unexpected(exchange, caught);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", error.getMessage());
        body.put("details", error.details());
        var message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json.writeValueAsString(body));
    }

    private static ApiException unexpected(Exchange exchange, Exception caught) {
        LOG.error("Unexpected failure in route {}", exchange.getFromRouteId(), caught);
        return new ApiException(500, "internal_error", "The shop could not complete this request", List.of());
    }
}
