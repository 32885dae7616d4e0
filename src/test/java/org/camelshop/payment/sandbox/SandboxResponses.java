package org.camelshop.payment.sandbox;

import org.apache.camel.Exchange;
import org.camelshop.platform.Json;

/** Writes a sandbox answer the way the provider would: JSON with the provider's status code. */
final class SandboxResponses {

    private SandboxResponses() {
    }

    static void reply(Exchange exchange, int status, Object body) {
        var message = exchange.getMessage();
        message.removeHeaders("*", "CamelHttp*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, Json.CONTENT_TYPE);
        message.setBody(body instanceof String text ? text : Json.write(body));
    }
}
