package org.camelshop.platform;

import org.apache.camel.Exchange;

/** Writes a route's result as the HTTP response: JSON body and status. */
public final class HttpResponses {

    public void ok(Exchange exchange) {
        json(exchange, 200);
    }

    public void created(Exchange exchange) {
        json(exchange, 201);
    }

    public void accepted(Exchange exchange) {
        json(exchange, 202);
    }

    public void noContent(Exchange exchange) {
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
    }

    private static void json(Exchange exchange, int status) {
        var message = exchange.getMessage();
        Object body = message.getBody();
        message.setBody(body instanceof String text ? text : Json.write(body));
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, Json.CONTENT_TYPE);
    }
}
