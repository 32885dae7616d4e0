package org.camelshop.testing;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.camelshop.platform.DeadLetters;

/**
 * Stands in for DeadLetters in route tests of queue consumers: records what the shared queue-consumer error handling
 * asked of it ("retry", or "dlq:" / "defer:" and the body copied), and whether this receive counts as the last one;
 * an open circuit breaker is recognised as the real one does.
 */
public final class RecordingDeadLetters {

    public final List<String> calls = new ArrayList<>();
    public boolean lastAttempt;

    public boolean isLastAttempt(Exchange exchange) {
        return lastAttempt;
    }

    public boolean isDependencyDown(Exchange exchange) {
        return DeadLetters.isOpenBreaker(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    public boolean isCopied(Exchange exchange) {
        return lastAttempt || isDependencyDown(exchange);
    }

    public void deferUntilDependencyBack(Exchange exchange) {
        calls.add("defer:" + exchange.getMessage().getBody(String.class));
    }

    public void moveToDeadLetterQueue(Exchange exchange) {
        calls.add("dlq:" + exchange.getMessage().getBody(String.class));
    }

    public void retryLater(Exchange exchange) {
        calls.add("retry");
    }
}
