package org.camelshop.marketing;

import static org.awaitility.Awaitility.await;
import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.camelshop.bench.MarketingScanBenchmark;
import org.camelshop.cart.Carts;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.mail.MailRequest;
import org.camelshop.platform.Json;
import org.camelshop.platform.DynamoItems;
import org.camelshop.platform.SessionUser;
import org.camelshop.platform.provision.Provisioner;
import org.camelshop.platform.provision.ResourcePlan;
import org.camelshop.platform.provision.TableSpec;
import org.camelshop.pricing.DiscountCodeRepository;
import org.camelshop.tracking.TrackingEvent;
import org.camelshop.tracking.ViewCounters;
import org.camelshop.tracking.WatchItem;
import org.camelshop.tracking.Watchlist;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The marketing triggers on the real emulators, each run as of a chosen instant: fires once per episode, never for
 * users who opted out or bought meanwhile; single-use expiring codes; a working one-click unsubscribe that can't be
 * turned on another user; open and click tracking; conversions; the analytics funnel.
 */
@ExtendWith(LocalStackExtension.class)
class MarketingIT {

    private static final String ADDRESS = "{\"name\":\"Ann\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\","
            + "\"postal_code\":\"73301\",\"country\":\"US\"}";
    private final RunningShop shop;
    private final LocalStack stack;
    private Campaigns campaigns;

    MarketingIT(RunningShop shop, LocalStack stack) {
        this.shop = shop;
        this.stack = stack;
    }

    @BeforeEach
    void lookUpCampaigns() {
        campaigns = shop.camelContext().getRegistry().lookupByNameAndType("campaigns", Campaigns.class);
    }

    /** A shopper: token and e-mail address. */
    private record Shopper(String token, String email, String userId) {
    }

    private Shopper shopper(String name) {
        String token = shop.newShopper(name);
        JsonNode me = json(shop.call("GET", "/api/auth/me", null, token));
        return new Shopper(token, me.get("email").asText(), me.get("user_id").asText());
    }

    private String product(int price, int stock) {
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Marketing Lamp\",\"price\":" + price
                + ",\"category\":\"Merchandise\",\"sku\":\"MKT-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"stock_quantity\":" + stock + "}",
                shop.loginAdmin());
        assertEquals(201, created.statusCode(), created.body());
        return json(created).get("product_id").asText();
    }

    private static List<String> mailsTo(List<String> requests, String email) {
        return requests.stream().filter(r -> r.contains("\"to\":\"" + email + "\"")).toList();
    }

    private MarketingRecord record(String request) {
        String id = Json.read(request, MailRequest.class).marketingId();
        var item = stack.awsClients().dynamoDb().getItem(r -> r.tableName(ResourcePlan.MARKETING_QUEUE).consistentRead(true)
                .key(Map.of("queue_id", AttributeValue.fromS(id)))).item();
        return DynamoItems.fromItem(item, MarketingRecord.class);
    }

    private void send(List<String> requests) {
        ProducerTemplate producer = shop.camelContext().createProducerTemplate();
        requests.forEach(r -> producer.sendBody("aws2-sqs:email-notification-queue", r));
    }

    private JsonNode awaitMail(String email) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> stack.mailsTo(email), m -> !m.isEmpty()).get(0);
    }

    private static String link(JsonNode mail, String pathPart) {
        Matcher matcher = Pattern.compile("(http://\\S*" + Pattern.quote(pathPart) + "\\S*)").matcher(mail.get("body").get("text").asText());
        assertTrue(matcher.find(), "mail has a link with " + pathPart);
        return matcher.group(1);
    }

    private void view(Shopper shopper, String productId) {
        assertEquals(202, shop.call("POST", "/api/track/view", "{\"product_id\":\"" + productId + "\",\"view_duration\":12}", shopper.token())
                .statusCode());
    }

    private int watches(String userId) {
        return stack.awsClients().dynamoDb().query(r -> r.tableName(ResourcePlan.WATCH_LIST).keyConditionExpression("user_id = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))).count();
    }

    private long rows(String userId, String productId) {
        return stack.awsClients().dynamoDb().scan(r -> r.tableName(ResourcePlan.PRODUCT_VIEWS)).items().stream()
                .filter(i -> i.containsKey("user_id") && userId.equals(i.get("user_id").s()) && productId.equals(i.get("product_id").s()))
                .count();
    }

    @Test
    void anAbandonedCartGetsOneMailWithASingleUseCodeAndAWorkingUnsubscribeLink() {
        Shopper ann = shopper("Ann");
        Shopper optedOut = shopper("Otto");
        String productId = product(3000, 10);
        for (Shopper s : List.of(ann, optedOut)) {
            assertEquals(200, shop.call("POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}", s.token()).statusCode());
        }
        assertEquals(200, shop.call("PUT", "/api/preferences", "{\"abandoned_cart_emails\":false}", optedOut.token()).statusCode());
        Instant tomorrow = Instant.now().plus(Duration.ofHours(25));

        assertTrue(mailsTo(campaigns.abandonedCarts(Instant.now()), ann.email()).isEmpty(), "not idle for 24 h yet");
        List<String> firstMails = mailsTo(campaigns.abandonedCarts(tomorrow), ann.email());
        assertEquals(1, firstMails.size());
        assertTrue(mailsTo(campaigns.abandonedCarts(tomorrow.plusSeconds(60)), ann.email()).isEmpty(), "once per episode");
        assertTrue(mailsTo(campaigns.abandonedCarts(tomorrow), optedOut.email()).isEmpty(), "opted out");

        MarketingRecord record = record(firstMails.get(0));
        JsonNode code = json(shop.call("GET", "/api/admin/discount-codes/" + record.discountCode(), null, shop.loginAdmin()));
        assertEquals(10, code.get("value").asInt());
        assertEquals(1, code.get("usage_limit").asInt(), "single use");
        Instant expires = Instant.parse(code.get("expires_at").asText());
        assertTrue(expires.isAfter(tomorrow.plus(Duration.ofDays(6))) && expires.isBefore(tomorrow.plus(Duration.ofDays(8))), "a week from the mail");

        send(firstMails);
        JsonNode mail = awaitMail(ann.email());
        assertTrue(mail.get("body").get("text").asText().contains(record.discountCode()));
        String unsubscribe = link(mail, "/api/preferences/unsubscribe");
        String token = URLDecoder.decode(unsubscribe.replaceAll(".*token=([^&]*).*", "$1"), StandardCharsets.UTF_8);

        HttpResponse<String> forged = shop.get("/api/preferences/unsubscribe?token=" + token.substring(0, token.length() - 2) + "xx");
        assertEquals(400, forged.statusCode(), "a forged token changes nothing");
        HttpResponse<String> done = shop.get(unsubscribe.substring(unsubscribe.indexOf("/api/")));
        assertEquals(303, done.statusCode(), "no login needed");
        assertEquals("/preferences.html?unsubscribed=abandoned_cart", done.headers().firstValue("Location").orElseThrow());
        JsonNode prefs = json(shop.call("GET", "/api/preferences", null, ann.token()));
        assertFalse(prefs.get("abandoned_cart_emails").asBoolean());
        assertTrue(prefs.get("price_drop_alerts").asBoolean(), "only that kind");
        assertTrue(json(shop.call("GET", "/api/preferences", null, optedOut.token())).get("price_drop_alerts").asBoolean(),
                "the link touched nobody else");
        assertTrue(unsubscribe.startsWith(shop.baseUrl().replace("127.0.0.1", "localhost") + "/api/"),
                "mail links lead to the shop that sent them: " + unsubscribe);

        // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the List-Unsubscribe link (here without a kind: all mail)
        HttpResponse<String> oneClick = shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/preferences/unsubscribe?token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        assertEquals(200, oneClick.statusCode(), oneClick.body());
        assertTrue(json(shop.call("GET", "/api/preferences", null, ann.token())).get("unsubscribed").asBoolean(), "one click, all marketing mail");
        assertEquals(400, shop.call("POST", "/api/preferences/unsubscribe?token=nope.nope", "{}", null).statusCode(), "a forged POST changes nothing");

        // the single-use code, spent on an order that is then cancelled, can be used again
        String order = "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS + ",\"payment_method\":\"stripe\",\"accept_terms\":true,"
                + "\"discount_code\":\"" + record.discountCode() + "\"}";
        HttpResponse<String> first = shop.call("POST", "/api/orders/create", order, ann.token());
        assertEquals(202, first.statusCode(), first.body());
        assertEquals(200, shop.call("POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}", ann.token()).statusCode());
        assertEquals(400, shop.call("POST", "/api/orders/create", order, ann.token()).statusCode(), "used once already");
        assertEquals(200, shop.call("POST", "/api/orders/" + json(first).get("order_id").asText() + "/cancel", null, ann.token()).statusCode());
        HttpResponse<String> again = shop.call("POST", "/api/orders/create", order, ann.token());
        assertEquals(202, again.statusCode(), "the cancelled order gave the code back: " + again.body());
    }

    /** The user's view counter of a product: how many distinct views it holds, and whether it is a candidate. */
    private Map<String, AttributeValue> counter(String userId, String productId) {
        return stack.awsClients().dynamoDb().getItem(r -> r.tableName(ResourcePlan.PRODUCT_VIEW_COUNTERS).consistentRead(true)
                .key(Map.of("user_id", AttributeValue.fromS(userId), "product_id", AttributeValue.fromS(productId)))).item();
    }

    private int counted(String userId, String productId) {
        Map<String, AttributeValue> item = counter(userId, productId);
        return item == null || !item.containsKey("views") ? 0 : item.get("views").ss().size();
    }

    /** Whether the recorder noted a purchase of the product by the user (its item beside the view counters). */
    private boolean boughtNoted(String userId, String productId) {
        Map<String, AttributeValue> item = counter(userId, "purchase#" + productId);
        return item != null && !item.isEmpty();
    }

    private long counters(String userId) {
        return stack.awsClients().dynamoDb().query(r -> r.tableName(ResourcePlan.PRODUCT_VIEW_COUNTERS)
                .keyConditionExpression("user_id = :u").expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))).count();
    }

    /** Puts a tracking message on the queue as the API would, and waits until the recorder has handled it. */
    private void deliver(String message) throws Exception {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(message.getBytes(StandardCharsets.UTF_8)));
        NotifyBuilder recorded = new NotifyBuilder(shop.camelContext()).fromRoute("tracking-recorder")
                .filter(e -> md5.equals(e.getMessage().getHeader("CamelAwsSqsMD5OfBody"))).whenDone(1).create();
        shop.camelContext().createProducerTemplate().sendBody("aws2-sqs:tracking-event-queue", message);
        assertTrue(recorded.matches(30, TimeUnit.SECONDS), "the event was consumed");
    }

    @Test
    void aRedeliveredViewCountsOnceAndTheThirdViewMakesACandidate() throws Exception {
        Shopper eve = shopper("Eve");
        String productId = product(1500, 10);
        String first = Json.write(new TrackingEvent(UUID.randomUUID().toString(), TrackingEvent.VIEW, eve.userId(), null, productId, null, 5,
                null, null, Instant.now().toString()));
        deliver(first);
        deliver(first);
        deliver(Json.write(new TrackingEvent(UUID.randomUUID().toString(), TrackingEvent.VIEW, eve.userId(), null, productId, null, 5,
                null, null, Instant.now().toString())));
        assertEquals(2, counted(eve.userId(), productId), "the redelivered view counted once");
        assertFalse(counter(eve.userId(), productId).containsKey("browse_shard"), "two views: not a candidate");
        assertTrue(mailsTo(campaigns.browseAbandonment(Instant.now()), eve.email()).isEmpty(), "two views: no mail");

        deliver(Json.write(new TrackingEvent(UUID.randomUUID().toString(), TrackingEvent.VIEW, eve.userId(), null, productId, null, 5,
                null, null, Instant.now().toString())));
        assertEquals(3, counted(eve.userId(), productId));
        assertTrue(counter(eve.userId(), productId).containsKey("browse_shard"), "three views: a candidate");
        assertEquals(1, mailsTo(campaigns.browseAbandonment(Instant.now()), eve.email()).size(), "three views: one mail");
        assertTrue(mailsTo(campaigns.browseAbandonment(Instant.now().plus(Duration.ofDays(8))), eve.email()).isEmpty(),
                "views older than the week do not count");
    }

    private String event(Shopper shopper, String type, String productId, Instant at) {
        return Json.write(new TrackingEvent(UUID.randomUUID().toString(), type, shopper.userId(), null, productId, null, 5, null, null,
                at.toString()));
    }

    private void buy(Shopper shopper, String productId) {
        assertEquals(200, shop.call("POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}", shopper.token()).statusCode());
        assertEquals(202, shop.call("POST", "/api/orders/create", "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
                + ",\"payment_method\":\"stripe\",\"accept_terms\":true}", shopper.token()).statusCode());
        assertEquals(0, json(shop.call("GET", "/api/cart", null, shopper.token())).get("items").size(), "the order emptied the cart");
    }

    /**
     * The scan reads no view rows and, mostly, no orders: what the tracking recorder noted on a pair leaves it out — a
     * cart add told before the views or after them (and twice), a purchase once its event is recorded (even without an
     * order write to look at), or while it may still be on its way (an order written in the last day) — and only the
     * pair's newest views count: a redelivered old view counts once, views older than the week not at all.
     */
    @Test
    void aCartAddOrAPurchaseNotedInAnyOrderLeavesThePairOutAndOnlyTheWeeksViewsCount() throws Exception {
        String productId = product(1800, 10);
        Instant now = Instant.now();
        Shopper viewer = shopper("Vic");
        Shopper cartFirst = shopper("Cara");
        Shopper cartAfter = shopper("Carlo");
        Shopper stale = shopper("Stan");
        Shopper buyer = shopper("Bob");
        Shopper buying = shopper("Bianca");
        // the server's purchase event of an order of the buyer's written long ago (no order write in the last day), told twice
        String placed = now.minus(Duration.ofDays(2)).toString();
        Map<String, Object> order = new HashMap<>(Map.of("order_id", UUID.randomUUID().toString(), "user_id", buyer.userId(),
                "order_number", "ORD-OLD", "order_date", placed, "items", List.of(Map.of("product_id", productId, "name", "Marketing Lamp",
                        "unit_price", 1800, "quantity", 1, "line_total", 1800, "digital_download", false))));
        List.of("subtotal", "discount", "tax", "shipping", "total", "version").forEach(amount -> order.put(amount, 0));
        String purchase = Json.write(Map.of("event_id", UUID.randomUUID().toString(), "type", TrackingEvent.PURCHASE, "user_id", buyer.userId(),
                "occurred_at", placed, "order", order));
        deliver(purchase);
        deliver(purchase);
        assertEquals(1, counter(buyer.userId(), "purchase#" + productId).get("orders").ss().size(), "the redelivered purchase noted once");
        // a purchase whose event is still on its way to the recorder: the order is written, its note not yet
        buy(buying, productId);
        await().atMost(Duration.ofSeconds(60)).until(() -> boughtNoted(buying.userId(), productId));
        stack.awsClients().dynamoDb().deleteItem(r -> r.tableName(ResourcePlan.PRODUCT_VIEW_COUNTERS).key(Map.of(
                "user_id", AttributeValue.fromS(buying.userId()), "product_id", AttributeValue.fromS("purchase#" + productId))));

        deliver(event(cartFirst, TrackingEvent.CART_ADD, productId, now.minus(Duration.ofHours(5))));
        String oldView = event(viewer, TrackingEvent.VIEW, productId, now.minus(Duration.ofHours(6)));
        deliver(oldView);
        for (Shopper s : List.of(viewer, cartFirst, cartAfter, buyer, buying)) {
            for (int hours = 3; hours > 0; hours--) {
                deliver(event(s, TrackingEvent.VIEW, productId, now.minus(Duration.ofHours(hours))));
            }
        }
        deliver(oldView);
        String cartAdd = event(cartAfter, TrackingEvent.CART_ADD, productId, now.minus(Duration.ofMinutes(30)));
        deliver(cartAdd);
        deliver(cartAdd);
        for (Duration ago : List.of(Duration.ofDays(9), Duration.ofDays(8), Duration.ofHours(1))) {
            deliver(event(stale, TrackingEvent.VIEW, productId, now.minus(ago)));
        }
        assertEquals(3, counted(viewer.userId(), productId), "the newest three of four views, the old one redelivered");
        assertTrue(counter(stale.userId(), productId).containsKey("browse_shard"), "a candidate: viewed three times, once this week");

        List<String> mails = campaigns.browseAbandonment(now);
        assertEquals(1, mailsTo(mails, viewer.email()).size(), "four views, never carted or bought");
        for (Shopper left : List.of(cartFirst, cartAfter, stale, buyer, buying)) {
            assertTrue(mailsTo(mails, left.email()).isEmpty(), "left out: " + left.email());
        }
    }

    @Test
    void browsingAProductThreeTimesWithoutBuyingFiresOnce() {
        Shopper browser = shopper("Bea");
        Shopper carted = shopper("Carl");
        Shopper twice = shopper("Dora");
        String productId = product(2000, 10);
        for (int i = 0; i < 3; i++) {
            view(browser, productId);
            view(carted, productId);
        }
        view(twice, productId);
        view(twice, productId);
        assertEquals(202, shop.call("POST", "/api/track/cart-add", "{\"product_id\":\"" + productId + "\"}", carted.token()).statusCode());
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(browser.userId(), productId) == 3 && rows(carted.userId(), productId) == 4
                && rows(twice.userId(), productId) == 2 && counted(browser.userId(), productId) == 3 && counted(carted.userId(), productId) == 3
                && counted(twice.userId(), productId) == 2);

        List<String> mails = campaigns.browseAbandonment(Instant.now());
        assertEquals(1, mailsTo(mails, browser.email()).size());
        assertTrue(mailsTo(mails, carted.email()).isEmpty(), "added to a cart");
        assertTrue(mailsTo(mails, twice.email()).isEmpty(), "viewed only twice");
        String code = record(mailsTo(mails, browser.email()).get(0)).discountCode();
        assertEquals(5, json(shop.call("GET", "/api/admin/discount-codes/" + code, null, shop.loginAdmin())).get("value").asInt(), "5 % off");
        assertTrue(mailsTo(campaigns.browseAbandonment(Instant.now()), browser.email()).isEmpty(), "once");
    }

    /**
     * More candidates in one index partition than one batch read takes (100), written through the shop's own
     * repositories: the batched reads of claimed records, preferences and carts leave out exactly the opted-out, the
     * already mailed and those with the product in their cart, the counters' cart adds leave out those who added it
     * to a cart since, and everyone else gets one mail — once.
     */
    @Test
    void browseAbandonmentOverMoreCandidatesThanOneBatchSkipsExactlyTheOptedOutTheMailedAndTheCarted() throws Exception {
        String productId = product(1200, 500);
        var dynamoDb = stack.awsClients().dynamoDb();
        var preferenceRows = new PreferencesRepository(dynamoDb, ResourcePlan.EMAIL_PREFERENCES);
        var records = new MarketingRecords(dynamoDb, ResourcePlan.MARKETING_QUEUE);
        var carts = shop.camelContext().getRegistry().lookupByNameAndType("carts", Carts.class);
        Instant now = Instant.now();
        long expires = now.plus(Duration.ofDays(90)).getEpochSecond();
        String run = UUID.randomUUID().toString().substring(0, 8);
        // users of one partition, so its query answers more than one batch
        List<String> users = IntStream.iterate(0, i -> i + 1).mapToObj(i -> "batch-" + run + "-" + i)
                .filter(user -> ViewCounters.shard(user) == 5).limit(110).toList();
        List<Map<String, AttributeValue>> accounts = new ArrayList<>();
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        List<Map<String, AttributeValue>> counters = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            String user = users.get(i);
            String email = user + "@example.com";
            accounts.add(MarketingScanBenchmark.user(user, now));
            List<String> seen = new ArrayList<>();
            for (int view = 0; view < 3; view++) {
                String at = now.minus(Duration.ofMinutes(10 + view)).toString();
                rows.add(MarketingScanBenchmark.viewRow(user + "-view-" + view, user, productId, at, expires));
                seen.add(at + "|" + user + "-view-" + view);
            }
            counters.add(MarketingScanBenchmark.counter(user, productId, seen, expires));
            switch (i % 10) {
                case 0 -> preferenceRows.save(EmailPreferences.defaults(user, email, now.toString()).without(null, now.toString()));
                case 1 -> assertTrue(records.claim(new MarketingRecord("browse_abandonment:" + user + ":" + productId + ":views", user, email,
                        "browse_abandonment", Map.of("product_ids", productId), null, now.toString(), null, null, false, false, false, null, 0,
                        null, null, expires), now));
                case 2 -> carts.add(new Carts.LineRequest(productId, 1, null), new SessionUser(user, email, user, SessionUser.CUSTOMER), null);
                case 3 -> counters.get(counters.size() - 1).put("last_cart_add", AttributeValue.fromS(now.toString()));
                default -> expected.add(email);
            }
        }
        MarketingScanBenchmark.write(dynamoDb, ResourcePlan.USERS, accounts);
        MarketingScanBenchmark.write(dynamoDb, ResourcePlan.PRODUCT_VIEWS, rows);
        MarketingScanBenchmark.write(dynamoDb, ResourcePlan.PRODUCT_VIEW_COUNTERS, counters);

        List<String> mails = campaigns.browseAbandonment(now);
        Set<String> mailed = new HashSet<>();
        users.forEach(user -> mailsTo(mails, user + "@example.com").forEach(mail -> assertTrue(mailed.add(user + "@example.com"), "one mail each")));
        assertEquals(66, expected.size(), "110 users, 4 in 10 left out");
        assertEquals(expected, mailed);
        var codes = new DiscountCodeRepository(dynamoDb, ResourcePlan.DISCOUNT_CODES);
        Set<String> names = new HashSet<>();
        users.forEach(user -> mailsTo(mails, user + "@example.com").forEach(mail -> {
            String name = record(mail).discountCode();
            assertTrue(names.add(name), "a code of its own");
            assertTrue(codes.find(name).filter(code -> code.value() == 5 && code.usageLimit() == 1 && code.singleUsePerUser()).isPresent(),
                    "stored, 5 %, single-use: " + name);
        }));
        List<String> again = campaigns.browseAbandonment(now);
        assertTrue(users.stream().allMatch(user -> mailsTo(again, user + "@example.com").isEmpty()), "a second scan sends nothing");
    }

    @Test
    void aPriceBelowTheWatchTargetFiresOnceButNotForABuyer() {
        Shopper watcher = shopper("Wanda");
        Shopper buyer = shopper("Bert");
        String productId = product(2500, 10);
        for (Shopper s : List.of(watcher, buyer)) {
            HttpResponse<String> watched = shop.call("POST", "/api/track/watchlist/add", "{\"product_id\":\"" + productId + "\",\"target_price\":2000}",
                    s.token());
            assertEquals(200, watched.statusCode(), watched.body());
        }
        assertEquals(400, shop.call("POST", "/api/track/watchlist/add", "{\"product_id\":\"" + productId + "\",\"target_price\":-5}",
                watcher.token()).statusCode());
        assertEquals(200, shop.call("POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}", buyer.token()).statusCode());
        String address = "{\"name\":\"Bert\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
        assertEquals(202, shop.call("POST", "/api/orders/create", "{\"shipping_address\":" + address + ",\"billing_address\":" + address
                + ",\"payment_method\":\"stripe\",\"accept_terms\":true}", buyer.token()).statusCode());

        assertTrue(mailsTo(campaigns.priceDrops(Instant.now()), watcher.email()).isEmpty(), "still above the target");
        assertEquals(200, shop.call("PUT", "/api/products/" + productId, "{\"price\":1800}", shop.loginAdmin()).statusCode());
        List<String> mails = campaigns.priceDrops(Instant.now());
        assertEquals(1, mailsTo(mails, watcher.email()).size());
        assertTrue(mailsTo(mails, buyer.email()).isEmpty(), "bought it meanwhile");
        assertTrue(mailsTo(campaigns.priceDrops(Instant.now()), watcher.email()).isEmpty(), "once per watch");

        JsonNode list = json(shop.call("GET", "/api/track/watchlist", null, watcher.token()));
        assertEquals(1800, list.get(0).get("current_price").asLong(), "the list shows today's price");
        assertEquals(204, shop.call("DELETE", "/api/track/watchlist/remove?product_id=" + productId, null, watcher.token()).statusCode());
        assertEquals(404, shop.call("DELETE", "/api/track/watchlist/remove?product_id=" + productId, null, watcher.token()).statusCode());
    }

    @Test
    void aRestockNotifiesWatchersThroughTheInventoryRouteAndTracksOpensClicksAndTheConversion() {
        Shopper watcher = shopper("Rita");
        String productId = product(1500, 0);
        assertEquals(200, shop.call("POST", "/api/track/watchlist/add", "{\"product_id\":\"" + productId + "\"}", watcher.token()).statusCode());
        // created at stock 0: out of stock from the start (flagged through the inventory queue), so the first stock is a restock
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.awsClients().dynamoDb().getItem(r -> r.tableName(ResourcePlan.PRODUCTS)
                .consistentRead(true).key(Map.of("product_id", AttributeValue.fromS(productId)))).item().containsKey("out_of_stock_since"));
        int before = stack.mailsTo(watcher.email()).size();

        assertEquals(200, shop.call("PUT", "/api/products/" + productId, "{\"stock_quantity\":4}", shop.loginAdmin()).statusCode());
        JsonNode mail = await().atMost(Duration.ofSeconds(60)).until(() -> stack.mailsTo(watcher.email()), m -> m.size() > before).get(before);
        assertEquals("Back in stock", mail.get("subject").asText());
        assertTrue(campaigns.restocks(Instant.now()).stream().noneMatch(r -> r.contains(watcher.email())), "once per restock episode");

        String click = link(mail, "/api/marketing/click/");
        String id = click.replaceAll(".*/api/marketing/click/([^?]*)\\?.*", "$1");
        HttpResponse<String> pixel = shop.get("/api/marketing/open/" + id);
        assertEquals(200, pixel.statusCode());
        assertEquals("image/gif", pixel.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> redirect = shop.get(click.substring(click.indexOf("/api/")));
        assertEquals(302, redirect.statusCode());
        assertTrue(redirect.headers().firstValue("Location").orElseThrow().endsWith("/product.html?id=" + productId));
        assertEquals(400, shop.get("/api/marketing/click/" + id + "?url=https://evil.example/").statusCode(), "no open redirect");
        assertEquals(400, shop.get("/api/marketing/click/" + id + "?url=//evil.example/").statusCode());

        assertEquals(200, shop.call("POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}", watcher.token()).statusCode());
        String address = "{\"name\":\"Rita\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
        assertEquals(202, shop.call("POST", "/api/orders/create", "{\"shipping_address\":" + address + ",\"billing_address\":" + address
                + ",\"payment_method\":\"stripe\",\"accept_terms\":true}", watcher.token()).statusCode());
        String queueId = URLDecoder.decode(id, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.awsClients().dynamoDb().getItem(r -> r.tableName(ResourcePlan.MARKETING_QUEUE)
                .consistentRead(true).key(Map.of("queue_id", AttributeValue.fromS(queueId)))).item().get("converted").bool());
        var converted = stack.awsClients().dynamoDb().getItem(r -> r.tableName(ResourcePlan.MARKETING_QUEUE).consistentRead(true)
                .key(Map.of("queue_id", AttributeValue.fromS(queueId)))).item();
        assertTrue(converted.get("opened").bool() && converted.get("clicked").bool());
        assertTrue(Long.parseLong(converted.get("revenue").n()) >= 1500);

        JsonNode analytics = json(shop.call("GET", "/api/marketing/analytics", null, shop.loginAdmin()));
        JsonNode restock = analytics.get("triggers").get("back_in_stock");
        assertTrue(restock.get("sent").asLong() >= 1 && restock.get("converted").asLong() >= 1 && restock.get("revenue").asLong() >= 1500);
        assertEquals(403, shop.call("GET", "/api/marketing/analytics", null, watcher.token()).statusCode());

        // the order is cancelled: it no longer counts for the mail
        assertEquals(200, shop.call("POST", "/api/orders/" + converted.get("converted_order_id").s() + "/cancel", null, watcher.token()).statusCode());
        var withdrawn = stack.awsClients().dynamoDb().getItem(r -> r.tableName(ResourcePlan.MARKETING_QUEUE).consistentRead(true)
                .key(Map.of("queue_id", AttributeValue.fromS(queueId)))).item();
        assertFalse(withdrawn.get("converted").bool(), "a cancelled order is no conversion");
        assertEquals("0", withdrawn.get("revenue").n(), "and brings no revenue");
        assertFalse(withdrawn.containsKey("converted_order_id"));
    }

    @Test
    void aSoldOutSizeThatComesBackNotifiesItsWatchersOnlyWhileTheShirtNeverRanOut() {
        String options = "\"options\":[{\"name\":\"Size\",\"values\":[\"S\",\"M\"]},{\"name\":\"Colour\",\"values\":[\"Navy\"]}]";
        String sku = "MKT-TEE-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Watched Tee\",\"price\":2000,\"category\":\"Merchandise\","
                + "\"sku\":\"" + sku + "\"," + options + ",\"variants\":[{\"sku\":\"" + sku + "-S\",\"options\":{\"Size\":\"S\",\"Colour\":\"Navy\"},"
                + "\"stock\":1},{\"sku\":\"" + sku + "-M\",\"options\":{\"Size\":\"M\",\"Colour\":\"Navy\"},\"stock\":5}]}", shop.loginAdmin());
        assertEquals(201, created.statusCode(), created.body());
        String productId = json(created).get("product_id").asText();
        Shopper small = shopper("Sam");
        Shopper medium = shopper("Meg");
        String watch = "{\"product_id\":\"" + productId + "\"";
        assertEquals(400, shop.call("POST", "/api/track/watchlist/add", watch + "}", small.token()).statusCode(), "a size must be chosen");
        assertEquals(400, shop.call("POST", "/api/track/watchlist/add", watch + ",\"variant_id\":\"xl-red\"}", small.token()).statusCode());
        assertEquals(200, shop.call("POST", "/api/track/watchlist/add", watch + ",\"variant_id\":\"s-navy\"}", small.token()).statusCode());
        assertEquals(200, shop.call("POST", "/api/track/watchlist/add", watch + ",\"variant_id\":\"m-navy\"}", medium.token()).statusCode());

        // a buyer takes the last S: S runs out (flagged through the inventory queue) while M keeps the shirt in stock
        Shopper buyer = shopper("Bea");
        assertEquals(200, shop.call("POST", "/api/cart/add", watch + ",\"variant_id\":\"s-navy\",\"quantity\":1}", buyer.token()).statusCode());
        assertEquals(202, shop.call("POST", "/api/orders/create", "{\"shipping_address\":" + ADDRESS + ",\"billing_address\":" + ADDRESS
                + ",\"payment_method\":\"stripe\",\"accept_terms\":true}", buyer.token()).statusCode());
        var key = Map.of("product_id", AttributeValue.fromS(productId));
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.awsClients().dynamoDb().getItem(r -> r.tableName(ResourcePlan.PRODUCTS)
                .consistentRead(true).key(key)).item().containsKey("out_of_stock_since:s-navy"));
        var shirt = stack.awsClients().dynamoDb().getItem(r -> r.tableName(ResourcePlan.PRODUCTS).consistentRead(true).key(key)).item();
        assertEquals("5", shirt.get("stock_quantity").n());
        assertFalse(shirt.containsKey("out_of_stock_since"), "the shirt as a whole never ran out");

        assertEquals(200, shop.call("PUT", "/api/products/" + productId, "{" + options + ",\"variants\":[{\"sku\":\"" + sku + "-S\","
                + "\"options\":{\"Size\":\"S\",\"Colour\":\"Navy\"},\"stock\":3},{\"sku\":\"" + sku + "-M\",\"options\":{\"Size\":\"M\",\"Colour\":\"Navy\"}}]}",
                shop.loginAdmin()).statusCode());
        JsonNode mail = awaitMail(small.email());
        assertEquals("Back in stock", mail.get("subject").asText());
        assertTrue(mail.get("body").get("text").asText().contains("Watched Tee — S / Navy"), mail.toString());
        // its picture: the shirt's thumbnail in Navy, a PNG the shop serves (mail clients show no SVG)
        String html = mail.get("body").get("html").asText();
        String picture = "/images/art/" + productId + "/thumb-navy.png";
        assertTrue(html.contains(picture + "\" width=\"56\" height=\"56\" alt=\"Watched Tee — S / Navy\""), html);
        assertFalse(html.contains(".svg"), html);
        HttpResponse<String> png = shop.get(picture);
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("content-type").orElse(""));
        List<String> again = campaigns.restocks(Instant.now());
        assertTrue(mailsTo(again, small.email()).isEmpty(), "once per restock episode of the variant");
        assertTrue(mailsTo(again, medium.email()).isEmpty() && stack.mailsTo(medium.email()).isEmpty(), "M never ran out: its watcher hears nothing");
        assertEquals(1, stack.mailsTo(small.email()).size());
    }

    /** Options and variants of a navy tee in the first sizes of S, M, L, one stock each (null: keep the stored stock). */
    private static String teeSizes(String sku, Integer... stocks) {
        List<String> sizes = List.of("S", "M", "L").subList(0, stocks.length);
        StringBuilder variants = new StringBuilder();
        for (int i = 0; i < stocks.length; i++) {
            variants.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(sku).append('-').append(sizes.get(i))
                    .append("\",\"options\":{\"Size\":\"").append(sizes.get(i)).append("\",\"Colour\":\"Navy\"}")
                    .append(stocks[i] == null ? "" : ",\"stock\":" + stocks[i]).append('}');
        }
        return "\"options\":[{\"name\":\"Size\",\"values\":[\"" + String.join("\",\"", sizes) + "\"]},{\"name\":\"Colour\",\"values\":[\"Navy\"]}],"
                + "\"variants\":[" + variants + "]";
    }

    private String tee(String sku, Integer... stocks) {
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Two Size Tee\",\"price\":2000,\"category\":\"Merchandise\","
                + "\"sku\":\"" + sku + "\"," + teeSizes(sku, stocks) + "}", shop.loginAdmin());
        assertEquals(201, created.statusCode(), created.body());
        return json(created).get("product_id").asText();
    }

    private List<String> watchedLabels(Shopper shopper) {
        List<String> labels = new ArrayList<>();
        json(shop.call("GET", "/api/track/watchlist", null, shopper.token())).forEach(w -> labels.add(w.path("variant_label").asText()));
        return labels.stream().sorted().toList();
    }

    @Test
    void aShopperWatchesTwoSizesOfOneShirtAndHearsOfEachWhenItComesBack() {
        String sku = "MKT-TWO-" + UUID.randomUUID().toString().substring(0, 6);
        // S and M start without stock (never sold out, so only their creation says they are out), L keeps the shirt in stock
        String productId = tee(sku, 0, 0, 5);
        Shopper shopper = shopper("Tess");
        String watch = "{\"product_id\":\"" + productId + "\",\"variant_id\":";
        JsonNode small = json(shop.call("POST", "/api/track/watchlist/add", watch + "\"s-navy\"}", shopper.token()));
        assertEquals(200, shop.call("POST", "/api/track/watchlist/add", watch + "\"m-navy\"}", shopper.token()).statusCode());
        JsonNode replay = json(shop.call("POST", "/api/track/watchlist/add", watch + "\"s-navy\"}", shopper.token()));
        assertEquals(small.get("created_at").asText() + small.get("updated_at").asText(),
                replay.get("created_at").asText() + replay.get("updated_at").asText(), "the same watch sent again changes nothing");
        assertEquals(List.of("M / Navy", "S / Navy"), watchedLabels(shopper), "both sizes watched, each once");

        assertEquals(200, shop.call("PUT", "/api/products/" + productId, "{" + teeSizes(sku, 2, null, null) + "}", shop.loginAdmin()).statusCode());
        JsonNode first = awaitMail(shopper.email());
        assertTrue(first.get("body").get("text").asText().contains("Two Size Tee — S / Navy"), first.toString());
        assertEquals(200, shop.call("PUT", "/api/products/" + productId, "{" + teeSizes(sku, null, 3, null) + "}", shop.loginAdmin()).statusCode());
        JsonNode second = await().atMost(Duration.ofSeconds(60)).until(() -> stack.mailsTo(shopper.email()), m -> m.size() > 1).get(1);
        assertTrue(second.get("body").get("text").asText().contains("Two Size Tee — M / Navy"), second.toString());
        assertTrue(mailsTo(campaigns.restocks(Instant.now()), shopper.email()).isEmpty(), "once per size and restock");
        assertEquals(2, stack.mailsTo(shopper.email()).size());

        String remove = "/api/track/watchlist/remove?product_id=" + productId;
        assertEquals(204, shop.call("DELETE", remove + "&variant_id=s-navy", null, shopper.token()).statusCode());
        assertEquals(List.of("M / Navy"), watchedLabels(shopper), "removing S leaves M");
        assertEquals(404, shop.call("DELETE", remove + "&variant_id=s-navy", null, shopper.token()).statusCode());
        assertEquals(204, shop.call("DELETE", remove, null, shopper.token()).statusCode(), "without a variant: the whole product");
        assertEquals(List.of(), watchedLabels(shopper));
    }

    @Test
    void aSizeAddedWithoutStockTellsItsWatcherWhenItFirstArrives() {
        String sku = "MKT-ADD-" + UUID.randomUUID().toString().substring(0, 6);
        String productId = tee(sku, 5, 5);
        assertEquals(200, shop.call("PUT", "/api/products/" + productId, "{" + teeSizes(sku, null, null, 0) + "}", shop.loginAdmin()).statusCode());
        Shopper shopper = shopper("Lars");
        assertEquals(200, shop.call("POST", "/api/track/watchlist/add", "{\"product_id\":\"" + productId + "\",\"variant_id\":\"l-navy\"}",
                shopper.token()).statusCode());
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.awsClients().dynamoDb().getItem(r -> r.tableName(ResourcePlan.PRODUCTS)
                .consistentRead(true).key(Map.of("product_id", AttributeValue.fromS(productId)))).item().containsKey("out_of_stock_since:l-navy"));

        assertEquals(200, shop.call("PUT", "/api/products/" + productId, "{" + teeSizes(sku, null, null, 4) + "}", shop.loginAdmin()).statusCode());
        JsonNode mail = awaitMail(shopper.email());
        assertTrue(mail.get("body").get("text").asText().contains("Two Size Tee — L / Navy"), mail.toString());
        assertTrue(mailsTo(campaigns.restocks(Instant.now()), shopper.email()).isEmpty(), "once");
        assertEquals(1, stack.mailsTo(shopper.email()).size());
    }

    @Test
    void watchesKeptOnePerProductMoveToTheirNewTableOnce() {
        String sku = "MKT-OLD-" + UUID.randomUUID().toString().substring(0, 6);
        String productId = tee(sku, 1, 1);
        Shopper shopper = shopper("Otto");
        var dynamoDb = stack.awsClients().dynamoDb();
        new Provisioner(stack.awsClients().sqs(), dynamoDb).apply(List.of(),
                List.of(TableSpec.table(ResourcePlan.OLD_WATCH_LIST, TableSpec.Key.string("user_id")).sortKey(TableSpec.Key.string("product_id")).build()));
        String at = Instant.now().toString();
        dynamoDb.putItem(r -> r.tableName(ResourcePlan.OLD_WATCH_LIST).item(DynamoItems.toItem(
                new WatchItem(shopper.userId(), productId, "Two Size Tee", 2000, 1500L, true, true, true, at, at, "m-navy", "M / Navy"))));
        Watchlist watchlist = shop.camelContext().getRegistry().lookupByNameAndType("watchlist", Watchlist.class);

        assertEquals(1, watchlist.adoptOldWatches());
        JsonNode watched = json(shop.call("GET", "/api/track/watchlist", null, shopper.token())).get(0);
        assertEquals("M / Navy", watched.get("variant_label").asText());
        assertEquals(1500, watched.get("target_price").asLong());
        assertEquals(at, watched.get("created_at").asText(), "the watch as it was");
        assertEquals(0, dynamoDb.scan(r -> r.tableName(ResourcePlan.OLD_WATCH_LIST)).count(), "the old table is emptied");
        assertEquals(0, watchlist.adoptOldWatches(), "a later start finds nothing to move");
        assertEquals(204, shop.call("DELETE", "/api/track/watchlist/remove?product_id=" + productId + "&variant_id=m-navy", null, shopper.token())
                .statusCode());
    }

    @Test
    void myExportHoldsMyDataAndDeletingMyAccountKeepsTheOrderTotals() throws Exception {
        Shopper leaver = shopper("Lea");
        Shopper other = shopper("Olaf");
        String productId = product(1200, 10);
        view(leaver, productId);
        view(other, productId);
        assertEquals(200, shop.call("POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":2}", leaver.token()).statusCode());
        String address = "{\"name\":\"Lea Private\",\"line1\":\"7 Secret Lane\",\"city\":\"Austin\",\"state\":\"TX\",\"postal_code\":\"73301\",\"country\":\"US\"}";
        JsonNode receipt = json(shop.call("POST", "/api/orders/create", "{\"shipping_address\":" + address + ",\"billing_address\":" + address
                + ",\"payment_method\":\"stripe\",\"accept_terms\":true}", leaver.token()));
        // exactly the view and the purchase of the order recorded, and the order's one mail sent, before the account goes
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(leaver.userId(), productId) == 2 && counted(leaver.userId(), productId) == 1
                && boughtNoted(leaver.userId(), productId) && counted(other.userId(), productId) == 1 && stack.mailsTo(leaver.email()).size() == 1);
        String secondDevice = shop.login(leaver.email(), "password-123");
        assertEquals(200, shop.call("POST", "/api/track/watchlist/add", "{\"product_id\":\"" + productId + "\"}", leaver.token()).statusCode());
        assertEquals(200, shop.call("POST", "/api/track/watchlist/add", "{\"product_id\":\"" + productId + "\"}", other.token()).statusCode());

        HttpResponse<String> export = shop.call("GET", "/api/preferences/export", null, leaver.token());
        assertEquals(200, export.statusCode());
        String data = export.body();
        assertTrue(data.contains(leaver.email()) && data.contains(receipt.get("order_id").asText()) && data.contains(productId));
        assertEquals(productId, json(export).get("watchlist").get(0).get("product_id").asText(), "the watch is exported");
        assertFalse(data.contains(other.email()) || data.contains(other.userId()), "nobody else's data");
        assertFalse(data.contains("password"), "no password hash");

        assertEquals(204, shop.call("DELETE", "/api/account", null, leaver.token()).statusCode());
        assertEquals(401, shop.call("GET", "/api/auth/me", null, leaver.token()).statusCode(), "signed out");
        assertEquals(401, shop.call("POST", "/api/auth/login", "{\"email\":\"" + leaver.email() + "\",\"password\":\"password-123\"}", null)
                .statusCode(), "the account is gone");
        JsonNode order = json(shop.call("GET", "/api/orders/" + receipt.get("order_id").asText(), null, shop.loginAdmin()));
        assertEquals(receipt.get("total").asLong(), order.get("total").asLong(), "totals stay");
        assertFalse(order.toString().contains("Secret Lane") || order.toString().contains(leaver.email()), "personal data gone");
        assertEquals(0, rows(leaver.userId(), productId), "browsing history gone");
        assertEquals(1, rows(other.userId(), productId), "others' history stays");
        assertEquals(0, counters(leaver.userId()), "view counters gone");
        assertEquals(1, counters(other.userId()), "others' counters stay");
        assertEquals(0, watches(leaver.userId()), "watchlist gone");
        assertEquals(1, watches(other.userId()), "others' watches stay");

        assertEquals(401, shop.call("GET", "/api/auth/me", null, secondDevice).statusCode(), "the account's other sessions ended too");
        assertEquals(400, shop.call("POST", "/api/cart/add", "{\"product_id\":\"" + productId + "\",\"quantity\":1}", secondDevice).statusCode(),
                "no cart without a session");
        assertEquals(400, shop.call("POST", "/api/track/view", "{\"product_id\":\"" + productId + "\"}", secondDevice).statusCode(),
                "nobody to attribute the view to");
        assertEquals(401, shop.call("POST", "/api/track/watchlist/add", "{\"product_id\":\"" + productId + "\"}", secondDevice).statusCode());

        // an event queued before the deletion and consumed after it: the tombstone keeps it out
        String late = Json.write(new TrackingEvent(UUID.randomUUID().toString(), TrackingEvent.VIEW, leaver.userId(), null, productId, null, 5,
                null, null, Instant.now().toString()));
        deliver(late);
        assertEquals(0, rows(leaver.userId(), productId), "a late event does not bring the history back");
        assertEquals(0, counters(leaver.userId()), "nor a view counter");

        // an order mail queued before the deletion and sent after it: not sent to the old address
        String lateMail = Json.write(new MailRequest("order_shipped", leaver.email(), receipt.get("order_id").asText(),
                receipt.get("order_id").asText() + ":late-" + UUID.randomUUID(), null));
        String mailMd5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(lateMail.getBytes(StandardCharsets.UTF_8)));
        NotifyBuilder mailed = new NotifyBuilder(shop.camelContext()).fromRoute("email-sender")
                .filter(e -> mailMd5.equals(e.getMessage().getHeader("CamelAwsSqsMD5OfBody"))).whenDone(1).create();
        shop.camelContext().createProducerTemplate().sendBody("aws2-sqs:email-notification-queue", lateMail);
        assertTrue(mailed.matches(30, TimeUnit.SECONDS), "the late mail request was consumed");
        assertEquals(1, stack.mailsTo(leaver.email()).size(), "no mail to the deleted account's address: "
                + stack.mailsTo(leaver.email()).stream().map(m -> m.get("subject").asText()).toList());
    }

    @Test
    void recommendationsAndTrackingGuardTheirInput() {
        Shopper ann = shopper("Rena");
        Shopper other = shopper("Remo");
        HttpResponse<String> mine = shop.call("GET", "/api/track/recommendations/" + ann.userId(), null, ann.token());
        assertEquals(200, mine.statusCode(), mine.body());
        assertNotNull(json(mine).get("items"));
        assertEquals(403, shop.call("GET", "/api/track/recommendations/" + ann.userId(), null, other.token()).statusCode());
        assertEquals(401, shop.call("GET", "/api/track/recommendations/" + ann.userId(), null, null).statusCode());
        assertEquals(400, shop.call("POST", "/api/track/view", "{\"product_id\":\"p-1\"}", null).statusCode(), "nobody to attribute it to");
        assertEquals(400, shop.call("POST", "/api/track/view", "{\"product_id\":\"../x\"}", ann.token()).statusCode());
        assertEquals(400, shop.call("POST", "/api/track/view", "{\"product_id\":\"p-1\",\"device_type\":\"toaster\"}", ann.token()).statusCode());
        assertEquals(400, shop.call("POST", "/api/track/purchase", "{\"order_id\":\"nope\"}", ann.token()).statusCode());
        assertEquals(202, shop.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + "/api/track/view"))
                .header("X-Session-Id", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"product_id\":\"p-1\"}"))).statusCode(), "a guest may be tracked");
    }
}
