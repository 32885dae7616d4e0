package org.camelshop.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;
import org.camelshop.local.StackPorts;
import org.camelshop.marketing.Campaigns;
import org.camelshop.platform.AwsClients;
import org.camelshop.platform.provision.ResourcePlan;
import org.camelshop.tracking.ViewCounters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How long the abandoned-cart and browse-abandonment scans take on the local stack for a given amount of data, and
 * how that grows: {@code bench/main.sh MarketingScanBenchmark <carts> <views>} (defaults 10,000 carts and 100,000
 * view events; keep carts ≥ views / 20, or users repeat their views and all become candidates). Users, carts, views
 * and the view counters the tracking recorder would have kept for them are written straight into the tables (batch
 * writes); one user in ten has a cart idle for over a day, and one user in twenty viewed a product three times, so the
 * scans also do their writes (records, codes) for a realistic share of the data. BrowseAbandonmentBenchmark times the
 * browse scan alone at a million views.
 */
public final class MarketingScanBenchmark {

    private static final int VIEWS_PER_USER = 20;

    private MarketingScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int carts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int views = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = BenchShop.start(stack, Map.of());
             AwsClients aws = stack.awsClients()) {
            Instant now = Instant.now();
            long loadStarted = System.nanoTime();
            int counters = load(aws.dynamoDb(), carts, views, now);
            System.out.printf("loaded %d users + carts, %d view events and %d view counters in %.1f s%n", carts, views, counters,
                    seconds(loadStarted));
            Campaigns campaigns = shop.camelContext().getRegistry().lookupByNameAndType("campaigns", Campaigns.class);
            long started = System.nanoTime();
            int cartMails = campaigns.abandonedCarts(now).size();
            System.out.printf("abandoned-cart scan: %d carts, %d mails, %.1f s%n", carts, cartMails, seconds(started));
            started = System.nanoTime();
            int browseMails = campaigns.browseAbandonment(now).size();
            System.out.printf("browse-abandonment scan: %d view events, %d mails, %.1f s%n", views, browseMails, seconds(started));
            started = System.nanoTime();
            int again = campaigns.abandonedCarts(now).size() + campaigns.browseAbandonment(now).size();
            System.out.printf("both again (nothing new to send: %d mails): %.1f s%n", again, seconds(started));
        }
        System.exit(0);
    }

    /** Writes the data; returns the number of view counters. */
    private static int load(DynamoDbClient dynamoDb, int carts, int views, Instant now) throws Exception {
        List<Map<String, AttributeValue>> users = new ArrayList<>();
        List<Map<String, AttributeValue>> cartItems = new ArrayList<>();
        for (int i = 0; i < carts; i++) {
            String userId = "bench-user-" + i;
            users.add(user(userId, now));
            String updated = now.minus(i % 10 == 0 ? Duration.ofHours(30) : Duration.ofHours(1)).toString();
            cartItems.add(Map.of("user_id", s(userId), "items", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                            "product_id", s("prod-" + (i % 1000)), "quantity", n(1), "added_at", s(updated))))),
                    "created_at", s(updated), "updated_at", s(updated), "expires_at", n(now.plus(Duration.ofDays(30)).getEpochSecond()),
                    "version", n(1)));
        }
        long expires = now.plus(Duration.ofDays(90)).getEpochSecond();
        List<Map<String, AttributeValue>> viewItems = new ArrayList<>();
        // the views of each (user, product), as the tracking recorder would have counted them
        Map<String, List<String>> counted = new LinkedHashMap<>();
        for (int i = 0; i < views; i++) {
            int user = i / VIEWS_PER_USER % carts;
            // pairs of 3 views of one product for 1 in 20 of a user's slots, single views otherwise
            int slot = i % VIEWS_PER_USER;
            String product = "prod-" + (slot < 3 && user % 20 == 0 ? 500 + user % 100 : (user * 7 + slot) % 1000);
            String at = now.minus(Duration.ofMinutes(i % 10_000)).toString();
            counted.computeIfAbsent("bench-user-" + user + " " + product, pair -> new ArrayList<>()).add(at + "|bench-view-" + i);
            viewItems.add(viewRow("bench-view-" + i, "bench-user-" + user, product, at, expires));
        }
        List<Map<String, AttributeValue>> counterItems = new ArrayList<>();
        counted.forEach((pair, seen) -> counterItems.add(counter(pair.substring(0, pair.indexOf(' ')), pair.substring(pair.indexOf(' ') + 1),
                seen, expires)));
        write(dynamoDb, ResourcePlan.USERS, users);
        write(dynamoDb, ResourcePlan.CART, cartItems);
        write(dynamoDb, ResourcePlan.PRODUCT_VIEWS, viewItems);
        write(dynamoDb, ResourcePlan.PRODUCT_VIEW_COUNTERS, counterItems);
        return counterItems.size();
    }

    // the items below are also what MarketingIT writes for a scan over many candidates

    public static Map<String, AttributeValue> viewRow(String viewId, String userId, String productId, String at, long expires) {
        return Map.of("view_id", s(viewId), "timestamp", s(at), "event_type", s("view"), "user_id", s(userId), "product_id", s(productId),
                "product_name", s("Bench product"), "product_price", n(1000), "created_at", s(at), "expires_at", n(expires));
    }

    /** The counter item the tracking recorder keeps for these views ({@code <timestamp>|<view id>}) of a pair: the newest 3. */
    public static Map<String, AttributeValue> counter(String userId, String productId, List<String> seen, long expires) {
        List<String> newest = seen.stream().sorted(Comparator.comparing((String view) -> Instant.parse(view.substring(0, view.indexOf('|'))))
                .reversed()).limit(ViewCounters.CANDIDATE_VIEWS).toList();
        Map<String, AttributeValue> item = new HashMap<>(Map.of("user_id", s(userId), "product_id", s(productId),
                "views", AttributeValue.fromSs(newest), "expires_at", n(expires)));
        if (newest.size() >= ViewCounters.CANDIDATE_VIEWS) {
            item.put("browse_shard", s(Integer.toString(ViewCounters.shard(userId))));
            item.put("last_view", s(newest.get(0).substring(0, newest.get(0).indexOf('|'))));
        }
        return item;
    }

    public static Map<String, AttributeValue> user(String userId, Instant now) {
        return Map.of("user_id", s(userId), "email", s(userId + "@example.com"), "name", s("Bench " + userId), "role", s("customer"),
                "password_hash", s("-"), "created_at", s(now.toString()));
    }

    /** Batch writes of 25 from 8 threads, retrying what DynamoDB hands back unprocessed. */
    public static void write(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> items) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
            batches.add(writers.submit(() -> {
                Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                do {
                    Map<String, List<WriteRequest>> request = pending;
                    pending = dynamoDb.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
                } while (!pending.isEmpty());
                return null;
            }));
        }
        for (Future<?> batch : batches) {
            batch.get();
        }
        writers.shutdown();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
