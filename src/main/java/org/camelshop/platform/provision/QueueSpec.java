package org.camelshop.platform.provision;

import java.time.Duration;

/** A work queue and its dead-letter queue: {@code order-processing-queue} → {@code order-processing-dlq}. */
public record QueueSpec(String name, Duration visibilityTimeout) {

    public String deadLetterName() {
        return name.replaceFirst("-queue$", "") + "-dlq";
    }
}
