package org.camelshop.platform;

import org.apache.camel.Exchange;

/**
 * The edge step that turns a REST request's JSON body into the record its bean takes, so the bean gets a value:
 * <pre>
 * - bean: {ref: requestBody, method: "parse(*, 'org.camelshop.cart.Carts$LineRequest')"}
 * - bean: {ref: carts, method: "add(${body}, ...)"}
 * </pre>
 * A body not declared as JSON is a 415, one too large a 413, and malformed or mistyped input a 400 naming the field
 * (see {@link Json#body}). Camel converts the quoted class name to the {@code Class}.
 */
public final class RequestBody {

    public <T> T parse(Exchange exchange, Class<T> type) {
        return Json.body(exchange, type);
    }

    /** For operations whose body may be left out: no body at all is {@code null}, any body is parsed as above. */
    public <T> T parseIfPresent(Exchange exchange, Class<T> type) {
        String body = exchange.getMessage().getBody(String.class);
        return body == null || body.isBlank() ? null : Json.body(exchange, type);
    }
}
