package org.camelshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultConsumer;
import org.camelshop.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Back-off of queue consumers while SQS is unreachable, on a clock the test moves. */
class QueuePollingTest {

    private final DefaultCamelContext context = new DefaultCamelContext();
    private final ManualClock clock = new ManualClock();
    private final ShopMetrics metrics = new ShopMetrics(context);
    private final QueuePolling polling = new QueuePolling(500, 4_000, clock, metrics);
    private final Endpoint queue = context.getEndpoint("direct:orders");
    private final List<Consumer> consumers = IntStream.range(0, 8).mapToObj(i -> consumer()).toList();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void afterAFailureOneConsumerOfTheQueueProbesPerWaitAndTheWaitDoublesUpToTheMaximum() {
        consumers.forEach(consumer -> assertTrue(polling.begin(consumer, queue)));
        consumers.forEach(consumer -> polling.rollback(consumer, queue, 0, new ConnectException("refused")));
        for (long wait : new long[] {4_000, 4_000}) { // eight failures at once already reach the cap
            clock.advance(wait - 1);
            assertEquals(0, polls(), "all wait");
            clock.advance(1);
            Consumer probe = consumers.stream().filter(consumer -> polling.begin(consumer, queue)).findFirst().orElseThrow();
            assertEquals(0, polls(), "the siblings wait for the probe");
            polling.rollback(probe, queue, 0, new ConnectException("refused"));
        }
        assertEquals(10.0, failures());
    }

    @Test
    void aProbeThatSucceedsEndsTheBackoffForEveryConsumer() {
        polling.begin(consumers.get(0), queue);
        polling.rollback(consumers.get(0), queue, 0, new ConnectException("refused"));
        clock.advance(500);
        assertTrue(polling.begin(consumers.get(1), queue));
        polling.commit(consumers.get(1), queue, 0);
        assertEquals(consumers.size(), polls());
    }

    @Test
    void aPollThatBeganBeforeTheFailureProvesNothing() {
        assertTrue(polling.begin(consumers.get(0), queue)); // a long poll still open
        assertTrue(polling.begin(consumers.get(1), queue));
        clock.advance(20);
        polling.rollback(consumers.get(1), queue, 0, new ConnectException("refused"));
        polling.commit(consumers.get(0), queue, 1);
        assertFalse(polling.begin(consumers.get(2), queue), "still backing off");
    }

    private long polls() {
        return consumers.stream().filter(consumer -> polling.begin(consumer, queue)).count();
    }

    private double failures() {
        return metrics.registry().find("shop_queue_poll_failures").counter().count();
    }

    private Consumer consumer() {
        Consumer consumer = new DefaultConsumer(queue, exchange -> { });
        consumer.start(); // a stopped consumer's failed poll is no outage
        return consumer;
    }
}
