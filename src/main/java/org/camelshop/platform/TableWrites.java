package org.camelshop.platform;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Tells listeners of a table about every write to one of its items (put, update, delete, batch write), whoever made
 * it, once the call is over — succeeded or not, as a failed call may still have written (a lost answer). Caches of
 * what a table holds listen here, so no writer of the table can forget to invalidate them. A listener that fails is
 * logged, never passed on: the write itself is done.
 */
public final class TableWrites implements ExecutionInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(TableWrites.class);
    private final Map<String, List<Consumer<Map<String, AttributeValue>>>> listeners = new ConcurrentHashMap<>();

    /** Calls {@code listener} with the item (or key) of every write to {@code table}. */
    public void onWrite(String table, Consumer<Map<String, AttributeValue>> listener) {
        listeners.computeIfAbsent(table, name -> new CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        written(context.request());
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        written(context.request());
    }

    private void written(SdkRequest request) {
        if (request instanceof PutItemRequest put) {
            tell(put.tableName(), put.item());
        } else if (request instanceof UpdateItemRequest update) {
            tell(update.tableName(), update.key());
        } else if (request instanceof DeleteItemRequest delete) {
            tell(delete.tableName(), delete.key());
        } else if (request instanceof BatchWriteItemRequest batch) {
            batch.requestItems().forEach((table, writes) -> writes.forEach(write ->
                    tell(table, write.putRequest() != null ? write.putRequest().item() : write.deleteRequest().key())));
        }
    }

    private void tell(String table, Map<String, AttributeValue> item) {
        for (Consumer<Map<String, AttributeValue>> listener : listeners.getOrDefault(table, List.of())) {
            try {
                listener.accept(item);
            } catch (RuntimeException e) {
                LOG.warn("A listener of writes to {} failed: {}", table, e.getMessage());
            }
        }
    }
}
