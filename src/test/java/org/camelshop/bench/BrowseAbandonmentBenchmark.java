package org.camelshop.bench;

import static org.camelshop.bench.MarketingScanBenchmark.counter;
import static org.camelshop.bench.MarketingScanBenchmark.seconds;
import static org.camelshop.bench.MarketingScanBenchmark.user;
import static org.camelshop.bench.MarketingScanBenchmark.write;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camelshop.local.LocalStack;
import org.camelshop.local.RunningShop;
import org.camelshop.local.StackPorts;
import org.camelshop.marketing.Campaigns;
import org.camelshop.platform.AwsCallCounter;
import org.camelshop.platform.AwsClients;
import org.camelshop.platform.provision.ResourcePlan;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The browse-abandonment scan over a week of N view events: {@code bench/main.sh BrowseAbandonmentBenchmark <views>
 * [other counters] [scan threads]} (defaults 1,000,000, 0 and the shop's {@code shop.marketing.scan-threads}). As in MarketingScanBenchmark, users view 20 products each and one
 * user in twenty viewed one of them three times, so N views make N / 400 candidates. Only what the scan can read is
 * written: the candidates' counters (the sparse index) and their users, not the view rows (the scan does not read them). The counters of the
 * other (user, product) pairs are outside the index; write some with the second argument to see that the scan's time
 * does not move with them (at a million views they would be ~950,000 items, half an hour of loading on the local stack).
 */
public final class BrowseAbandonmentBenchmark {

    private static final int VIEWS_PER_USER = 20;

    private BrowseAbandonmentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int views = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int others = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Map<String, String> settings = args.length > 2 ? Map.of("shop.marketing.scan-threads", args[2]) : Map.of();
        try (LocalStack stack = LocalStack.start(StackPorts.free());
             RunningShop shop = BenchShop.start(stack, settings);
             AwsClients aws = stack.awsClients()) {
            Instant now = Instant.now();
            long expires = now.plus(Duration.ofDays(90)).getEpochSecond();
            long loadStarted = System.nanoTime();
            List<Map<String, AttributeValue>> users = new ArrayList<>();
            List<Map<String, AttributeValue>> counters = new ArrayList<>();
            for (int user = 0; user < views / VIEWS_PER_USER; user += 20) {
                String userId = "bench-user-" + user;
                users.add(user(userId, now));
                List<String> seen = new ArrayList<>();
                for (int slot = 0; slot < 3; slot++) {
                    int i = user * VIEWS_PER_USER + slot;
                    seen.add(now.minus(Duration.ofMinutes(i % 10_000)) + "|bench-view-" + i);
                }
                counters.add(counter(userId, "prod-" + (500 + user % 100), seen, expires));
            }
            for (int i = 0; i < others; i++) {
                counters.add(counter("bench-other-" + i / 19, "prod-" + i % 1000, List.of(now + "|bench-other-" + i), expires));
            }
            write(aws.dynamoDb(), ResourcePlan.USERS, users);
            write(aws.dynamoDb(), ResourcePlan.PRODUCT_VIEW_COUNTERS, counters);
            System.out.printf("loaded %d candidates' users and %d counters (%d outside the index) for %d view events in %.1f s%n",
                    users.size(), counters.size(), others, views, seconds(loadStarted));

            Campaigns campaigns = shop.camelContext().getRegistry().lookupByNameAndType("campaigns", Campaigns.class);
            AwsCallCounter calls = shop.camelContext().getRegistry().lookupByNameAndType("awsCallCounter", AwsCallCounter.class);
            calls.reset();
            long started = System.nanoTime();
            int mails = campaigns.browseAbandonment(now).size();
            System.out.printf("browse-abandonment scan: %d view events, %d candidates, %d mails, %.1f s%n", views, users.size(), mails,
                    seconds(started));
            // queue consumers poll meanwhile: their ReceiveMessage calls are in here too
            System.out.println("SDK calls during the scan: " + calls.snapshot());
            started = System.nanoTime();
            int again = campaigns.browseAbandonment(now).size();
            System.out.printf("again (nothing new to send: %d mails): %.1f s%n", again, seconds(started));
        }
        System.exit(0);
    }
}
