package org.camelshop.platform;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the SDK's round trips by service and operation ({@code DynamoDb.PutItem}), retries included: each attempt
 * that goes on the wire; and the Redis commands the shop sends ({@code Redis.evalsha}, {@link RedisConnection}). Only
 * there when {@code shop.aws.count-calls} is on (the benchmarks), as {@code awsCallCounter}.
 */
public final class AwsCallCounter implements ExecutionInterceptor {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        count(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    /** One round trip of {@code operation}. */
    public void count(String operation) {
        calls.computeIfAbsent(operation, key -> new LongAdder()).increment();
    }

    /** The counts since the last reset, by operation (those called at least once). */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        calls.forEach((operation, count) -> {
            if (count.sum() > 0) {
                counts.put(operation, count.sum());
            }
        });
        return counts;
    }

    public void reset() {
        calls.values().forEach(LongAdder::reset);
    }
}
