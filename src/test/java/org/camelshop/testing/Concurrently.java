package org.camelshop.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Requests started at the same instant, one thread each, for the tests that race copies of a request. */
public final class Concurrently {

    private Concurrently() {
    }

    /** Runs every request at once (released by one latch) and returns their answers in the order given. */
    public static <T> List<T> run(List<Supplier<T>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> answers = new ArrayList<>();
            for (Supplier<T> request : requests) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code copies} copies of one request at once. */
    public static <T> List<T> copies(int copies, Supplier<T> request) throws Exception {
        return run(java.util.Collections.nCopies(copies, request));
    }
}
