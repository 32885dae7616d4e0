package org.camelshop.platform;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

    /**
     * A {@link StoredObject} as the answer: its bytes, content type and Cache-Control. An object that may change is
     * sent with an ETag, and a request that already has it gets a bodiless 304; an immutable one is never revalidated.
     */
    public void object(Exchange exchange) {
        var message = exchange.getMessage();
        StoredObject object = message.getBody(StoredObject.class);
        message.setBody(object.bytes());
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, object.contentType());
        if (object.cacheControl() != null) {
            message.setHeader("Cache-Control", object.cacheControl());
        }
        if (object.cacheControl() == null || !object.cacheControl().contains("immutable")) {
            String etag = etag(object.bytes());
            message.setHeader("ETag", etag);
            if (etag.equals(message.getHeader("If-None-Match", String.class))) {
                message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
                message.setBody(null);
            }
        }
    }

    private static String etag(byte[] bytes) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
