package org.camelshop.platform.provision;

import static org.camelshop.platform.provision.TableSpec.Index;
import static org.camelshop.platform.provision.TableSpec.Key.number;
import static org.camelshop.platform.provision.TableSpec.Key.string;
import static org.camelshop.platform.provision.TableSpec.table;

import java.time.Duration;
import java.util.List;

/**
 * Every queue and table the shop needs, as the seed plan lists them (plus {@code Users}, {@code DiscountCodes} and {@code Categories}).
 * Boolean seed attributes that key an index ({@code featured}, {@code sent}) are stored as the string "true"
 * and left out when false, which makes those indexes sparse: DynamoDB cannot index a BOOL.
 */
public final class ResourcePlan {

    public static final int MAX_RECEIVES_BEFORE_DLQ = 3;
    public static final Duration RETENTION = Duration.ofDays(4);

    public static final String PRODUCTS = "Products";
    public static final String ORDERS = "Orders";
    public static final String CART = "Cart";
    public static final String REVIEWS = "Reviews";
    public static final String PRODUCT_VIEWS = "ProductViews";
    /** Views per (user, product), with a sparse index of the pairs viewed often enough for browse abandonment (ViewCounters). */
    public static final String PRODUCT_VIEW_COUNTERS = "ProductViewCounters";
    public static final String MARKETING_QUEUE = "MarketingQueue";
    public static final String EMAIL_PREFERENCES = "EmailPreferences";
    /** Watches keyed by user and {@code watch_key} (the product, or {@code <product_id>#<variant_id>}): one per variant. */
    public static final String WATCH_LIST = "Watches";
    /** The watches of old, one per user and product; the shop moves them into {@link #WATCH_LIST} on start (Watchlist.adopt). */
    public static final String OLD_WATCH_LIST = "WatchList";
    public static final String USERS = "Users";
    public static final String DISCOUNT_CODES = "DiscountCodes";
    /** The shop's product categories (admins manage them; six to start with). */
    public static final String CATEGORIES = "Categories";
    /** Webhook events already processed, while Redis (which normally remembers them) is down. */
    public static final String WEBHOOK_EVENTS = "WebhookEvents";
    /** Claims of scheduled runs, one per job and slot, so that of N instances one works (ScheduledRuns). */
    public static final String SCHEDULED_RUNS = "ScheduledRuns";
    /** Which order line holds how much of which product's stock, one item each, so products do not grow (Inventory). */
    public static final String STOCK_RESERVATIONS = "StockReservations";

    public static final List<QueueSpec> QUEUES = List.of(
            new QueueSpec("order-processing-queue", Duration.ofMinutes(5)),
            new QueueSpec("payment-processing-queue", Duration.ofMinutes(5)),
            new QueueSpec("email-notification-queue", Duration.ofMinutes(1)),
            new QueueSpec("inventory-update-queue", Duration.ofMinutes(1)),
            new QueueSpec("tracking-event-queue", Duration.ofMinutes(1)));

    public static final List<TableSpec> TABLES = List.of(
            table(PRODUCTS, string("product_id"))
                    .index(Index.of(string("category"), string("created_at")))
                    .index(Index.of(string("featured"), string("created_at")))
                    .index(Index.of(string("status"), number("sales_count")))
                    .build(),
            table(ORDERS, string("order_id")).sortKey(string("user_id"))
                    .index(Index.of(string("user_id"), string("order_date")))
                    .index(Index.of(string("order_status"), string("order_date")))
                    .index(Index.of(string("payment_status"), string("order_date")))
                    .build(),
            table(CART, string("user_id")).ttl("expires_at").build(),
            table(REVIEWS, string("review_id")).sortKey(string("product_id"))
                    .index(Index.of(string("product_id"), string("created_at")))
                    .index(Index.of(string("user_id"), string("created_at")))
                    .build(),
            table(PRODUCT_VIEWS, string("view_id")).sortKey(string("timestamp"))
                    .index(Index.of(string("user_id"), string("timestamp")))
                    .index(Index.of(string("session_id"), string("timestamp")))
                    .index(Index.of(string("product_id"), string("timestamp")))
                    .ttl("expires_at")
                    .build(),
            table(PRODUCT_VIEW_COUNTERS, string("user_id")).sortKey(string("product_id"))
                    .index(Index.of(string("browse_shard"), string("last_view")))
                    .ttl("expires_at").build(),
            table(MARKETING_QUEUE, string("queue_id"))
                    .index(Index.of(string("sent"), string("scheduled_send_time")))
                    .index(Index.of(string("user_email"), string("trigger_type")))
                    .ttl("expires_at")
                    .build(),
            table(EMAIL_PREFERENCES, string("user_id")).build(),
            table(WATCH_LIST, string("user_id")).sortKey(string("watch_key"))
                    .index(Index.of(string("product_id"), string("watch_key")))
                    .build(),
            table(USERS, string("user_id"))
                    .index(Index.of("email-index", string("email")))
                    .build(),
            table(DISCOUNT_CODES, string("code")).build(),
            table(CATEGORIES, string("name")).build(),
            table(WEBHOOK_EVENTS, string("event_id")).ttl("expires_at").build(),
            table(SCHEDULED_RUNS, string("run_id")).ttl("expires_at").build(),
            table(STOCK_RESERVATIONS, string("reservation_id")).ttl("expires_at").build());

    private ResourcePlan() {
    }
}
