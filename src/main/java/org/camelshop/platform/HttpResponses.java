package org.camelshop.platform;

import org.apache.camel.Exchange;

/** Writes a route's result as the HTTP response: JSON body and status, or a stored object's bytes. */
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

    /** A {@link StoredObject} as the answer: its bytes, content type and Cache-Control. */
    public void object(Exchange exchange) {
        var message = exchange.getMessage();
        StoredObject object = message.getBody(StoredObject.class);
        message.setBody(object.bytes());
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, object.contentType());
        if (object.cacheControl() != null) {
            message.setHeader("Cache-Control", object.cacheControl());
        }
    }

    private static void json(Exchange exchange, int status) {
        var message = exchange.getMessage();
        Object body = message.getBody();
        message.setBody(body instanceof String text ? text : Json.write(body));
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, Json.CONTENT_TYPE);
    }
}
