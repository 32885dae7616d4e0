package org.camelshop.ops;

import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.component.direct.DirectEndpoint;
import org.apache.camel.spi.EndpointStrategy;
import org.apache.camel.support.DefaultProducer;

/**
 * The "queues off" rollback switch ({@code shop.queues.enabled=false}, seed: "reverts to direct invocation"). Every
 * {@code aws2-sqs:<queue>} endpoint of the routes becomes an in-process one: a consumer route ({@code from:
 * aws2-sqs:order-processing-queue}) is then called directly, and a send to that queue runs it at once, on the
 * caller's thread, with a fresh message holding only the body, as SQS would deliver it. So the same routes and beans
 * process every message, synchronously; a failure goes back to the sender instead of to a retry or the DLQ. Nothing
 * reads or writes SQS then, except the depth gauges and the admin DLQ tools, which talk to SQS themselves.
 */
public final class InProcessQueues implements EndpointStrategy {

    private static final String SCHEME = "aws2-sqs:";
    private final CamelContext context;

    public InProcessQueues(CamelContext context) {
        this.context = context;
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        String normalized = endpoint.getEndpointUri();
        if (!normalized.startsWith(SCHEME) || normalized.contains("operation=")) {
            return endpoint;
        }
        String queue = normalized.substring(SCHEME.length()).replaceFirst("^//", "").replaceFirst("\\?.*$", "");
        QueueEndpoint inProcess = new QueueEndpoint(SCHEME + "//" + queue, context.getComponent("direct", DirectComponent.class));
        inProcess.setCamelContext(context);
        inProcess.setSynchronous(true);
        return inProcess;
    }

    /** A direct endpoint keyed by the queue's URI, whose producer hands the consumer a copy as SQS would. */
    static final class QueueEndpoint extends DirectEndpoint {

        QueueEndpoint(String uri, DirectComponent component) {
            super(uri, component);
        }

        @Override
        public Producer createProducer() throws Exception {
            Producer direct = super.createProducer();
            return new DefaultProducer(this) {
                @Override
                public void process(Exchange exchange) throws Exception {
                    String messageId = UUID.randomUUID().toString();
                    Exchange delivery = getEndpoint().createExchange();
                    delivery.getMessage().setBody(exchange.getMessage().getBody(String.class));
                    delivery.getMessage().setHeader("CamelAwsSqsMessageId", messageId);
                    direct.process(delivery);
                    if (delivery.getException() != null) {
                        throw delivery.getException();
                    }
                    exchange.getMessage().setHeader("CamelAwsSqsMessageId", messageId);
                }

                @Override
                protected void doStart() throws Exception {
                    direct.start();
                }

                @Override
                protected void doStop() throws Exception {
                    direct.stop();
                }
            };
        }
    }
}
