package org.camelshop.marketing;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Collectors;

import org.camelshop.cart.Cart;
import org.camelshop.cart.CartLookup;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductLookup;
import org.camelshop.catalog.Variant;
import org.camelshop.inventory.RestockedProducts;
import org.camelshop.order.Order;
import org.camelshop.mail.MailRequest;
import org.camelshop.order.OrderHistory;
import org.camelshop.order.OrderStatus;
import org.camelshop.platform.DynamoBatches;
import org.camelshop.pricing.DiscountCode;
import org.camelshop.pricing.DiscountCodeIssuer;
import org.camelshop.pricing.Quote.PricedLine;
import org.camelshop.tracking.BrowseCandidates;
import org.camelshop.tracking.BrowseCandidates.Candidate;
import org.camelshop.tracking.ProductView;
import org.camelshop.tracking.Recommender;
import org.camelshop.tracking.ViewHistory;
import org.camelshop.tracking.WatchItem;
import org.camelshop.tracking.Watchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The marketing scans (seed "marketing_automation_api", "smart shopping"), run by timers and by the admin endpoints.
 * Each finds the users a trigger applies to <em>as of {@code now}</em>, skips those who opted out or bought
 * meanwhile, claims the (trigger, user, subject, episode) record in MarketingQueue — which only one scan can do, so a
 * trigger fires at most once per episode — creates the single-use discount code where the trigger has one, and
 * returns the mail requests for email-notification-queue.
 */
public final class Campaigns {

    /** How long a record blocks its episode, and after which the id may be claimed again (the seed's 30-day TTL). */
    public static final Duration RECORD_TTL = Duration.ofDays(30);
    public static final String TEMPLATE = "marketing";
    private static final Logger LOG = LoggerFactory.getLogger(Campaigns.class);
    private static final Duration CODE_VALIDITY = Duration.ofDays(7);
    private static final Duration CART_IDLE = Duration.ofHours(24);
    private static final Duration CART_TOO_OLD = Duration.ofDays(7);
    private static final Duration BROWSE_WINDOW = Duration.ofDays(7);
    // one browse-abandonment episode per (user, product) and record lifetime
    private static final String BROWSE_EPISODE = "views";
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final CartLookup carts;
    private final OrderHistory orders;
    private final ProductLookup products;
    private final ViewHistory views;
    private final BrowseCandidates browseCandidates;
    private final Watchers watchers;
    private final RestockedProducts restocked;
    private final Recommender recommendations;
    private final Preferences preferences;
    private final MarketingRecords records;
    private final DiscountCodeIssuer discountCodes;
    private final int scanThreads;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Campaigns(CartLookup carts, OrderHistory orders, ProductLookup products, ViewHistory views,
            BrowseCandidates browseCandidates, Watchers watchers, RestockedProducts restocked, Recommender recommendations, Preferences preferences, MarketingRecords records,
            DiscountCodeIssuer discountCodes, int scanThreads, Clock clock) {
        this.carts = carts;
        this.orders = orders;
        this.products = products;
        this.views = views;
        this.browseCandidates = browseCandidates;
        this.watchers = watchers;
        this.restocked = restocked;
        this.recommendations = recommendations;
        this.preferences = preferences;
        this.records = records;
        this.discountCodes = discountCodes;
        this.scanThreads = scanThreads;
        this.clock = clock;
    }

    /** Runs the scan of one trigger (its id, as in routes/marketing.yaml) as of now; returns the mail requests. */
    public List<String> run(String triggerId) {
        Instant now = clock.instant();
        return switch (Trigger.byId(triggerId).orElseThrow(() -> new IllegalArgumentException("no trigger " + triggerId))) {
            case ABANDONED_CART -> abandonedCarts(now);
            case BROWSE_ABANDONMENT -> browseAbandonment(now);
            case PRICE_DROP -> priceDrops(now);
            case BACK_IN_STOCK -> restocks(now);
            case RECOMMENDATIONS -> weeklyRecommendations(now);
        };
    }

    /** The admin endpoints' answer. */
    public Map<String, Object> summary(String triggerId, List<String> mails) {
        return Map.of("trigger", triggerId, "queued", mails.size());
    }

    /** Carts with items, untouched for 24 h (but not for over a week), whose owner placed no order since. Episode: the cart's last change. */
    public List<String> abandonedCarts(Instant now) {
        List<String> mails = new ArrayList<>();
        carts.idleUserCarts(now.minus(CART_TOO_OLD), now.minus(CART_IDLE), now).forEach(cart -> {
            if (orderedSince(cart.userId(), Instant.parse(cart.updatedAt()))) {
                return;
            }
            Map<String, String> data = new HashMap<>();
            data.put("product_ids", cart.items().stream().map(Cart.Line::productId).collect(Collectors.joining(",")));
            fire(Trigger.ABANDONED_CART, cart.userId(), "cart", cart.updatedAt(), data, now).ifPresent(mails::add);
        });
        return log(Trigger.ABANDONED_CART, mails);
    }

    /**
     * A product a user viewed at least 3 times in the last week, never added to a cart and never bought. Once per (user,
     * product) per 30 days. Reads only the pairs the view counters name as candidates, with what the tracking recorder
     * noted of each (its newest views, its latest cart add, its purchases), so the scan's work grows with the
     * candidates, not with the views.
     */
    public List<String> browseAbandonment(Instant now) {
        Instant since = now.minus(BROWSE_WINDOW);
        List<String> mails = Collections.synchronizedList(new ArrayList<>());
        // a daily scan: its own short-lived pool
        ExecutorService checkers = Executors.newFixedThreadPool(scanThreads);
        try {
            List<Future<?>> shards = IntStream.range(0, BrowseCandidates.SHARDS).mapToObj(shard -> checkers.submit(() -> {
                List<Candidate> candidates = browseCandidates.candidates(shard, since, now).toList();
                for (int start = 0; start < candidates.size(); start += DynamoBatches.LIMIT) {
                    mails.addAll(browseAbandoned(candidates.subList(start, Math.min(start + DynamoBatches.LIMIT, candidates.size())), since, now));
                }
            })).collect(Collectors.toList());
            for (Future<?> shard : shards) {
                shard.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("browse-abandonment scan interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } finally {
            checkers.shutdownNow();
        }
        return log(Trigger.BROWSE_ABANDONMENT, List.copyOf(mails));
    }

    /**
     * The mails for a batch of candidate pairs (at most one batch read's worth). What a single read per candidate would
     * cost is read for the whole batch — the records already claimed, the preferences, the carts, the purchases — and
     * each test only narrows who is left. A user's orders are read only where a purchase of the product is known
     * (cancelled orders do not count before the week) or may still be on its way to the recorder (orders written in the
     * last day).
     */
    private List<String> browseAbandoned(List<Candidate> batch, Instant since, Instant now) {
        Set<String> mailed = records.taken(batch.stream().map(Campaigns::browseRecordId).toList(), now);
        List<Candidate> open = batch.stream().filter(c -> !mailed.contains(browseRecordId(c))
                && c.viewsSince(since) >= BrowseCandidates.CANDIDATE_VIEWS && !c.addedToCartSince(since)).toList();
        Map<String, EmailPreferences> prefs = preferences.ofAll(open.stream().map(Candidate::userId).distinct().toList());
        prefs.values().removeIf(p -> !p.allows(Trigger.BROWSE_ABANDONMENT));
        Map<String, Cart> cartOf = carts.cartsOf(prefs.keySet());
        List<Candidate> left = open.stream().filter(c -> prefs.containsKey(c.userId())
                && !(cartOf.containsKey(c.userId()) && cartOf.get(c.userId()).quantityOf(c.productId()) > 0)).toList();
        Map<Candidate, List<Instant>> purchases = browseCandidates.purchases(left);
        Set<String> ordering = orders.writtenLately(left.stream().map(Candidate::userId).collect(Collectors.toSet()));
        List<Claimed> claimed = new ArrayList<>();
        for (Candidate candidate : left) {
            List<Instant> bought = purchases.getOrDefault(candidate, List.of());
            if (bought.stream().anyMatch(at -> !at.isBefore(since))) {
                continue;
            }
            if ((!bought.isEmpty() || ordering.contains(candidate.userId())) && bought(candidate.userId(), candidate.productId(), Instant.EPOCH)) {
                continue;
            }
            claim(Trigger.BROWSE_ABANDONMENT, prefs.get(candidate.userId()), candidate.productId(), BROWSE_EPISODE,
                    Map.of("product_ids", candidate.productId()), now).ifPresent(claimed::add);
        }
        // the batch's codes in a few batch writes rather than one write each; as with save, a taken name is not stored
        Set<String> taken = discountCodes.saveNew(claimed.stream().map(Claimed::code).filter(Objects::nonNull).toList());
        if (!taken.isEmpty()) {
            LOG.warn("Browse-abandonment codes already taken, not stored: {}", taken);
        }
        return claimed.stream().map(Claimed::mail).toList();
    }

    /**
     * A watched product (or watched variant, at its own price) now priced below the watch's target. Episode: the watch
     * as last set by the user.
     */
    public List<String> priceDrops(Instant now) {
        List<String> mails = new ArrayList<>();
        watchers.all().filter(w -> w.notifyOnPriceDrop() && w.targetPrice() != null).forEach(watch ->
                products.find(watch.productId()).filter(p -> Product.ACTIVE.equals(p.status()) && priceOf(p, watch) < watch.targetPrice())
                        .filter(p -> !bought(watch.userId(), p.productId(), Instant.parse(watch.createdAt())))
                        .flatMap(p -> {
                            Map<String, String> data = new HashMap<>(Map.of("product_ids", p.productId(), "price", Long.toString(priceOf(p, watch)),
                                    "target_price", Long.toString(watch.targetPrice())));
                            if (watch.variantId() != null) {
                                data.put("variant_id", watch.variantId());
                            }
                            return fire(Trigger.PRICE_DROP, watch.userId(), subject(p.productId(), watch.variantId()), watch.updatedAt(), data, now);
                        })
                        .ifPresent(mails::add));
        return log(Trigger.PRICE_DROP, mails);
    }

    private static long priceOf(Product p, WatchItem watch) {
        return p.priceOf(watch.variantId() == null ? Optional.empty() : p.findVariant(watch.variantId()));
    }

    /** Every watched product, or watched variant, that came back in stock. */
    public List<String> restocks(Instant now) {
        List<String> mails = new ArrayList<>();
        watchers.all().filter(WatchItem::notifyOnRestock)
                .collect(Collectors.groupingBy(w -> Arrays.asList(w.productId(), w.variantId())))
                .forEach((watched, watches) -> mails.addAll(restockNotices(watched.get(0), watched.get(1), watches, now)));
        return log(Trigger.BACK_IN_STOCK, mails);
    }

    /** The watchers of one product, or of one variant of it, that just came back (the inventory route calls this). */
    public List<String> restockOf(String productId, String variantId) {
        Instant now = clock.instant();
        return log(Trigger.BACK_IN_STOCK, restockNotices(productId, variantId, watchers.of(productId)
                .filter(w -> w.notifyOnRestock() && Objects.equals(w.variantId(), variantId)).toList(), now));
    }

    /**
     * Watchers who watched before the product's (or the variant's) latest return, once per restock episode, unless
     * they bought it since. A variant's episodes are its own: it may come back while the product never ran out.
     */
    private List<String> restockNotices(String productId, String variantId, List<WatchItem> watches, Instant now) {
        RestockedProducts.Restock restock = restocked.restockOf(productId, variantId);
        Optional<Product> product = products.find(productId).filter(p -> Product.ACTIVE.equals(p.status()) && p.inStock());
        Optional<Variant> variant = product.flatMap(p -> p.findVariant(String.valueOf(variantId)));
        if (restock.episode() == 0 || product.isEmpty() || (variantId != null && variant.filter(v -> v.stock() > 0).isEmpty())) {
            return List.of();
        }
        long price = variant.map(v -> v.priceOr(product.get().price())).orElse(product.get().price());
        Map<String, String> data = new HashMap<>(Map.of("product_ids", productId, "price", Long.toString(price)));
        variant.ifPresent(v -> data.put("variant_id", v.variantId()));
        String subject = subject(productId, variantId);
        return watches.stream()
                .filter(w -> w.createdAt().compareTo(restock.restockedAt()) < 0)
                .filter(w -> !bought(w.userId(), productId, Instant.parse(w.createdAt())))
                .map(w -> fire(Trigger.BACK_IN_STOCK, w.userId(), subject, Long.toString(restock.episode()), data, now))
                .flatMap(Optional::stream)
                .toList();
    }

    /** What a watch's mail is about: the product, or one variant of it (each watched variant is mailed on its own). */
    private static String subject(String productId, String variantId) {
        return variantId == null ? productId : productId + "/" + variantId;
    }

    /** Users who browsed in the last week get their recommendations, once per ISO week. */
    public List<String> weeklyRecommendations(Instant now) {
        var date = now.atZone(ZoneOffset.UTC);
        String week = date.get(IsoFields.WEEK_BASED_YEAR) + "-W" + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        Set<String> users = views.since(now.minus(BROWSE_WINDOW), now).map(ProductView::userId).filter(u -> u != null)
                .collect(Collectors.toSet());
        List<String> mails = new ArrayList<>();
        for (String userId : users) {
            if (preferences.of(userId).filter(p -> p.allows(Trigger.RECOMMENDATIONS)).isEmpty()) {
                continue;
            }
            List<Product> picks = recommendations.forUser(userId).items();
            if (!picks.isEmpty()) {
                fire(Trigger.RECOMMENDATIONS, userId, "weekly", week,
                        Map.of("product_ids", picks.stream().map(Product::productId).collect(Collectors.joining(","))), now)
                        .ifPresent(mails::add);
            }
        }
        return log(Trigger.RECOMMENDATIONS, mails);
    }

    private Optional<String> fire(Trigger trigger, String userId, String subject, String episode, Map<String, String> data, Instant now) {
        return preferences.of(userId).filter(p -> p.allows(trigger)).flatMap(prefs -> fire(trigger, prefs, subject, episode, data, now));
    }

    private Optional<String> fire(Trigger trigger, EmailPreferences prefs, String subject, String episode, Map<String, String> data, Instant now) {
        Optional<Claimed> claimed = claim(trigger, prefs, subject, episode, data, now);
        claimed.map(Claimed::code).ifPresent(code -> discountCodes.save(code, false));
        return claimed.map(Claimed::mail);
    }

    /** A won claim: its mail request, and the code to store (null when the trigger has none). */
    private record Claimed(String mail, DiscountCode code) {
    }

    /** Claims the record for a user whose preferences allow the trigger; only the winner gets a code and a mail. */
    private Optional<Claimed> claim(Trigger trigger, EmailPreferences prefs, String subject, String episode, Map<String, String> data, Instant now) {
        String code = trigger.discountPercent() > 0 ? newCode(trigger) : null;
        String id = recordId(trigger, prefs.userId(), subject, episode);
        MarketingRecord record = new MarketingRecord(id, prefs.userId(), prefs.email(), trigger.id(), data, code, now.toString(), null, null,
                false, false, false, null, 0, null, null, now.plus(RECORD_TTL).getEpochSecond());
        if (!records.claim(record, now)) {
            return Optional.empty();
        }
        return Optional.of(new Claimed(MailRequest.marketing(TEMPLATE, prefs.email(), id), code == null ? null
                : new DiscountCode(code, DiscountCode.PERCENT, trigger.discountPercent(), now.plus(CODE_VALIDITY).toString(), 1, 0, true, true,
                        now.toString())));
    }

    private static String browseRecordId(Candidate candidate) {
        return recordId(Trigger.BROWSE_ABANDONMENT, candidate.userId(), candidate.productId(), BROWSE_EPISODE);
    }

    /** The MarketingQueue id of an episode: claiming it is what makes the trigger fire once. */
    private static String recordId(Trigger trigger, String userId, String subject, String episode) {
        return trigger.id() + ":" + userId + ":" + subject + ":" + episode;
    }

    private String newCode(Trigger trigger) {
        StringBuilder code = new StringBuilder(trigger == Trigger.ABANDONED_CART ? "COMEBACK-" : "LOOK-");
        for (int i = 0; i < 8; i++) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private boolean orderedSince(String userId, Instant since) {
        return orders.forUser(userId).stream().anyMatch(o -> Instant.parse(o.orderDate()).isAfter(since));
    }

    /** Whether the user has an order for the product placed after {@code since} that was not cancelled. */
    private boolean bought(String userId, String productId, Instant since) {
        return orders.forUser(userId).stream()
                .filter(o -> !OrderStatus.CANCELLED.equals(o.orderStatus()) && Instant.parse(o.orderDate()).isAfter(since))
                .map(Order::items).flatMap(List::stream).map(PricedLine::productId).anyMatch(productId::equals);
    }

    private static List<String> log(Trigger trigger, List<String> mails) {
        LOG.info("Marketing scan {}: {} mail(s) queued", trigger.id(), mails.size());
        return mails;
    }
}
