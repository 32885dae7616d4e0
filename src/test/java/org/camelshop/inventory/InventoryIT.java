package org.camelshop.inventory;

import static org.camelshop.local.RunningShop.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camelshop.catalog.ProductItems;
import org.camelshop.catalog.StockWatch;
import org.camelshop.local.LocalStack;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.camelshop.order.Order;
import org.camelshop.platform.AwsClients;
import org.camelshop.platform.RedisConnection;
import org.camelshop.platform.ResponseCache;
import org.camelshop.platform.provision.ResourcePlan;
import org.camelshop.pricing.Quote.PricedLine;
import org.camelshop.testing.StoredReservations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Inventory bean against the emulated DynamoDB: reservations live in their own items, so the product item does
 * not grow with orders, and every move stays exact when repeated or left half done by a caller that died.
 */
@ExtendWith(LocalStackExtension.class)
class InventoryIT {

    private final RunningShop shop;
    private final LocalStack stack;
    private AwsClients aws;
    private RedisConnection redis;
    private Inventory inventory;

    InventoryIT(RunningShop shop, LocalStack stack) {
        this.shop = shop;
        this.stack = stack;
    }

    @BeforeEach
    void connect() {
        aws = stack.awsClients();
        redis = new RedisConnection("redis://127.0.0.1:" + stack.ports().redis(), Duration.ofSeconds(2));
        StockWatch ignored = (productId, before, after) -> { };
        inventory = new Inventory(aws.dynamoDb(), ResourcePlan.PRODUCTS, new ProductItems(),
                new ResponseCache(redis, new ResponseCache.Settings(true, Duration.ZERO, Map.of()), null), ignored,
                ResourcePlan.STOCK_RESERVATIONS, Clock.systemUTC(), new InventorySettings(Duration.ofSeconds(10), Duration.ofDays(7)));
    }

    @AfterEach
    void close() throws Exception {
        redis.close();
        aws.close();
    }

    @Test
    void theProductItemStaysTheSameSizeHoweverManyOrdersReserveIt() {
        String product = product(1_000);
        List<Order> orders = IntStream.range(0, 40).mapToObj(i -> order(product, 1)).toList();
        assertTrue(reserve(orders.get(0)));
        Map<String, AttributeValue> afterOne = stored(product);

        orders.subList(1, orders.size()).forEach(order -> assertTrue(reserve(order)));
        Map<String, AttributeValue> afterForty = stored(product);
        assertEquals(960, stock(afterForty));
        assertEquals(without(afterOne, "stock_quantity", "cache_version"), without(afterForty, "stock_quantity", "cache_version"),
                "nothing but the stock and its version changed: no per-order attribute on the product");
        assertEquals(ids(orders), StoredReservations.held(aws, product), "one record per order line, outside the product");

        orders.forEach(order -> assertTrue(reserve(order), "a redelivered order is already reserved"));
        assertEquals(960, stock(stored(product)), "and takes nothing again");

        List<Order> cancelled = orders.subList(0, 10);
        List<Order> shipped = orders.subList(10, 20);
        cancelled.forEach(this::release);
        cancelled.forEach(this::release);
        shipped.forEach(this::settle);
        shipped.forEach(this::release);
        assertEquals(970, stock(stored(product)), "each cancelled order gave its piece back once; shipped ones gave nothing");
        assertEquals(ids(cancelled), StoredReservations.of(aws, product, "returned"));
        assertEquals(ids(shipped), StoredReservations.of(aws, product, "shipped"));
        assertEquals(ids(orders.subList(20, 40)), StoredReservations.held(aws, product));
        assertEquals(without(afterOne, "stock_quantity", "cache_version"), without(stored(product), "stock_quantity", "cache_version"));
        assertTrue(aws.dynamoDb().getItem(r -> r.tableName(ResourcePlan.STOCK_RESERVATIONS).consistentRead(true)
                .key(Map.of("reservation_id", AttributeValue.fromS(cancelled.get(0).orderId() + ":0")))).item().containsKey("expires_at"),
                "finished records expire");
    }

    @Test
    void aTakeLeftHalfDoneByADeadCallerIsFinishedOnceByTheNext() {
        String product = product(10);
        Order tookStock = order(product, 2);
        Order tookNothing = order(product, 3);
        // both callers died after claiming (their leases ran out); the first had already taken the stock
        abandonedClaim(tookStock, 2);
        aws.dynamoDb().updateItem(r -> r.tableName(ResourcePlan.PRODUCTS).key(Map.of("product_id", AttributeValue.fromS(product)))
                .updateExpression("SET stock_quantity = stock_quantity - :q ADD reservations_taking :r")
                .expressionAttributeValues(Map.of(":q", AttributeValue.fromN("2"), ":r", AttributeValue.fromSs(List.of(tookStock.orderId() + ":0")))));
        abandonedClaim(tookNothing, 3);

        assertTrue(reserve(tookStock));
        assertTrue(reserve(tookNothing));
        Map<String, AttributeValue> item = stored(product);
        assertEquals(10 - 2 - 3, stock(item), "each order's stock taken exactly once");
        assertFalse(item.containsKey("reservations_taking") && !item.get("reservations_taking").ss().isEmpty(), "no marker left");
        assertEquals(ids(List.of(tookStock, tookNothing)), StoredReservations.held(aws, product));

        Order anotherAbandoned = order(product, 1);
        abandonedClaim(anotherAbandoned, 1);
        release(anotherAbandoned);
        assertEquals(5, stock(stored(product)), "a dead take that never took the stock gives nothing back");
    }

    @Test
    void aReservationBeingMovedByALiveCallerIsLeftToIt() {
        String product = product(10);
        Order order = order(product, 1);
        Map<String, AttributeValue> claim = claim(order, 1, System.currentTimeMillis() + 60_000);
        aws.dynamoDb().putItem(r -> r.tableName(ResourcePlan.STOCK_RESERVATIONS).item(claim));
        assertThrows(IllegalStateException.class, () -> reserve(order), "retried later, not decided now");
        assertEquals(10, stock(stored(product)));
    }

    private void abandonedClaim(Order order, int quantity) {
        Map<String, AttributeValue> claim = claim(order, quantity, System.currentTimeMillis() - 1);
        aws.dynamoDb().putItem(r -> r.tableName(ResourcePlan.STOCK_RESERVATIONS).item(claim));
    }

    private static Map<String, AttributeValue> claim(Order order, int quantity, long leaseUntil) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("reservation_id", AttributeValue.fromS(order.orderId() + ":0"));
        item.put("product_id", AttributeValue.fromS(order.items().get(0).productId()));
        item.put("quantity", AttributeValue.fromN(Integer.toString(quantity)));
        item.put("state", AttributeValue.fromS("taking"));
        item.put("owner", AttributeValue.fromS("a-caller-that-died"));
        item.put("lease_until", AttributeValue.fromN(Long.toString(leaseUntil)));
        return item;
    }

    private String product(int stock) {
        HttpResponse<String> created = shop.call("POST", "/api/products", "{\"name\":\"Stock Mug\",\"price\":900,\"category\":\"Merchandise\","
                + "\"sku\":\"STOCK-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"stock_quantity\":" + stock + "}", shop.loginAdmin());
        assertEquals(201, created.statusCode(), created.body());
        return json(created).get("product_id").asText();
    }

    private static Order order(String productId, int quantity) {
        return new Order(UUID.randomUUID().toString(), "u-1", "CS-1", "a@example.com",
                List.of(new PricedLine(productId, "Stock Mug", 900, quantity, 900L * quantity, false)), 900, 0, 0, 0,
                900, "usd", null, "stripe", null, "pending", null, null, "pending", null, null, null, null, "2026-01-01T00:00:00Z",
                null, null, null, List.of(), null, Map.of(), null, 1);
    }

    private Map<String, AttributeValue> stored(String productId) {
        return aws.dynamoDb().getItem(r -> r.tableName(ResourcePlan.PRODUCTS).consistentRead(true)
                .key(Map.of("product_id", AttributeValue.fromS(productId)))).item();
    }

    private static int stock(Map<String, AttributeValue> item) {
        return Integer.parseInt(item.get("stock_quantity").n());
    }

    private static Map<String, AttributeValue> without(Map<String, AttributeValue> item, String... attributes) {
        Map<String, AttributeValue> rest = new HashMap<>(item);
        List.of(attributes).forEach(rest::remove);
        return rest;
    }

    private static Set<String> ids(List<Order> orders) {
        return orders.stream().map(order -> order.orderId() + ":0").collect(Collectors.toSet());
    }

    private boolean reserve(Order order) {
        return inventory.reserve(order.orderId(), order.orderNumber(), order.items());
    }

    private void release(Order order) {
        inventory.release(order.orderId(), order.items());
    }

    private void settle(Order order) {
        inventory.settle(order.orderId(), order.items());
    }
}
