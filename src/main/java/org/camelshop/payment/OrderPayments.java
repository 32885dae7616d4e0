package org.camelshop.payment;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camelshop.catalog.ProductItems;
import org.camelshop.order.Order;
import org.camelshop.order.OrderRepository;
import org.camelshop.order.OrderStatus;
import org.camelshop.platform.ResponseCache;
import org.camelshop.platform.SetClause;
import org.camelshop.pricing.Quote.PricedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The payment facts of an order in DynamoDB, each a single conditional write so that any number of confirmations, webhooks,
 * redeliveries and admins can race and the order still changes exactly once: paid only from awaiting_payment, declined
 * only while still awaiting payment, a refund only on top of the refunded amount it was computed from.
 */
public final class OrderPayments {

    public static final String PAID = Order.PAYMENT_PAID;
    public static final String FAILED = "failed";
    public static final String PARTIALLY_REFUNDED = Order.PAYMENT_PARTIALLY_REFUNDED;
    public static final String REFUNDED = "refunded";
    private static final Logger LOG = LoggerFactory.getLogger(OrderPayments.class);

    private final DynamoDbClient dynamoDb;
    private final String ordersTable;
    private final String productsTable;
    private final OrderRepository orders;
    private final ProductItems productItems;
    private final ResponseCache cache;
    private final Clock clock;

    public OrderPayments(DynamoDbClient dynamoDb, String ordersTable, String productsTable, OrderRepository orders, ProductItems productItems,
            ResponseCache cache, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.ordersTable = ordersTable;
        this.productsTable = productsTable;
        this.orders = orders;
        this.productItems = productItems;
        this.cache = cache;
        this.clock = clock;
    }

    public Optional<Order> find(String orderId) {
        return orders.find(orderId);
    }

    /**
     * awaiting_payment → confirmed with payment_status paid, the provider's payment id and amount, and the digital downloads
     * unlocked, in one conditional write. False if the order was no longer awaiting payment (paid already, or cancelled).
     */
    public boolean confirmPaid(Order order, PaymentCheck check) {
        List<String> downloads = order.items().stream().filter(PricedLine::digitalDownload).map(PricedLine::productId).toList();
        Map<String, AttributeValue> changes = new HashMap<>();
        changes.put("order_status", AttributeValue.fromS(OrderStatus.CONFIRMED));
        changes.put("payment_status", AttributeValue.fromS(PAID));
        changes.put("payment_provider", AttributeValue.fromS(check.provider()));
        changes.put("payment_id", AttributeValue.fromS(check.paymentId()));
        changes.put("amount_paid", number(check.amount()));
        changes.put("refunded_cents", number(0));
        changes.put("refunds", AttributeValue.fromM(Map.of()));
        changes.put("paid_at", AttributeValue.fromS(clock.instant().toString()));
        changes.put("payment_failure", AttributeValue.fromNul(true));
        changes.put("digital_downloads", AttributeValue.fromL(downloads.stream().map(AttributeValue::fromS).toList()));
        changes.put("downloads_unlocked", AttributeValue.fromBool(!downloads.isEmpty()));
        return orders.update(order, OrderStatus.AWAITING_PAYMENT, changes);
    }

    /**
     * Notes a payment started for the order ({@code provider:reference}) while it still awaits payment; false once it is
     * paid or cancelled. Paying the order is conditional on the same status, so the attempts read after it are complete.
     */
    public boolean recordAttempt(Order order, String provider, String reference) {
        try {
            dynamoDb.updateItem(r -> r.tableName(ordersTable).key(key(order))
                    .updateExpression("ADD payment_attempts :attempt").conditionExpression("order_status = :awaiting")
                    .expressionAttributeValues(Map.of(":attempt", AttributeValue.fromSs(List.of(provider + ":" + reference)),
                            ":awaiting", AttributeValue.fromS(OrderStatus.AWAITING_PAYMENT))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Money that came on top of the order's payment and went straight back: kept under {@code duplicate_payments.<payment
     * id>} with the provider, amount and refund. True only for the first record of this payment, however many deliveries
     * of it race (the caller sends one mail for it).
     */
    public boolean recordDuplicateRefund(Order order, Refunds.Plan plan, StripeGateway.RefundResult refund) {
        dynamoDb.updateItem(r -> r.tableName(ordersTable).key(key(order))
                .updateExpression("SET duplicate_payments = if_not_exists(duplicate_payments, :none)")
                .expressionAttributeValues(Map.of(":none", AttributeValue.fromM(Map.of()))));
        try {
            dynamoDb.updateItem(r -> r.tableName(ordersTable).key(key(order))
                    .updateExpression("SET duplicate_payments.#payment = :record")
                    .conditionExpression("attribute_not_exists(duplicate_payments.#payment)")
                    .expressionAttributeNames(Map.of("#payment", plan.paymentId()))
                    .expressionAttributeValues(Map.of(":record", AttributeValue.fromM(Map.of(
                            "provider", AttributeValue.fromS(plan.provider()),
                            "amount", AttributeValue.fromS(Long.toString(plan.amount())),
                            "refund_id", AttributeValue.fromS(refund.id()),
                            "refunded", AttributeValue.fromS(Long.toString(refund.amount())),
                            "refunded_at", AttributeValue.fromS(clock.instant().toString()))))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A decline: payment_status failed while the order still awaits payment (it stays payable until its window ends). */
    public boolean markDeclined(Order order, String reason) {
        return orders.update(order, OrderStatus.AWAITING_PAYMENT, Map.of("payment_status", AttributeValue.fromS(FAILED),
                "payment_failure", AttributeValue.fromS(reason == null ? "declined" : reason)));
    }

    /** Notes why a payment did not confirm the order (amount or currency mismatch, paid after cancellation). */
    public void recordProblem(Order order, String problem) {
        orders.annotate(order, Map.of("payment_failure", AttributeValue.fromS(problem)));
    }

    /**
     * A payment that came for an order already cancelled, refunded in full at once: the order stays cancelled and shows the
     * money as received and returned. Repeatable (same refund id, same values).
     */
    public void recordLateRefund(Order order, Refunds.Plan plan, StripeGateway.RefundResult refund) {
        orders.annotate(order, Map.of("payment_status", AttributeValue.fromS(REFUNDED),
                "payment_provider", AttributeValue.fromS(plan.provider()),
                "payment_id", AttributeValue.fromS(plan.paymentId()),
                "amount_paid", number(plan.amount()),
                "refunded_cents", number(refund.amount()),
                "refunds", AttributeValue.fromM(Map.of(refund.id(), AttributeValue.fromM(Map.of(
                        "amount", AttributeValue.fromS(Long.toString(refund.amount())), "reason", AttributeValue.fromS(plan.reason()),
                        "refunded_at", AttributeValue.fromS(clock.instant().toString()))))),
                "payment_failure", AttributeValue.fromS("paid after cancellation; refunded in full")));
    }

    /** sales_count += quantity for every line: bestsellers follow what was paid for. */
    public void countSales(Order order) {
        for (PricedLine line : order.items()) {
            dynamoDb.updateItem(r -> r.tableName(productsTable).key(productItems.keyOf(line.productId()))
                    .updateExpression("ADD sales_count :q").conditionExpression("attribute_exists(product_id)")
                    .expressionAttributeValues(Map.of(":q", number(line.quantity()))));
            // bestseller lists follow within their time to live
            cache.invalidateProductOnly(line.productId());
        }
    }

    /**
     * Adds one refund to the order: refunded_cents grows by its amount (never past amount_paid), payment_status becomes
     * partially_refunded or refunded, and a full refund moves order_status to refunded. Conditional on the refunded amount
     * read, so concurrent refunds serialize; a refund already recorded (same provider id) is not added twice.
     * Returns the order as it was just before this refund was recorded, or empty if it was recorded before.
     */
    public Optional<Order> recordRefund(String orderId, String refundId, long amount, String reason) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Order order = orders.find(orderId).orElseThrow();
            if (order.refunds() != null && order.refunds().containsKey(refundId)) {
                return Optional.empty();
            }
            long before = order.refundedCents() == null ? 0 : order.refundedCents();
            long after = before + amount;
            if (after > order.amountPaid()) {
                throw new IllegalStateException("refund " + refundId + " would exceed the paid amount of order " + orderId);
            }
            boolean full = after == order.amountPaid();
            Map<String, AttributeValue> set = new HashMap<>();
            set.put("refunded_cents", number(after));
            set.put("payment_status", AttributeValue.fromS(full ? REFUNDED : PARTIALLY_REFUNDED));
            if (full && OrderStatus.canMove(order.orderStatus(), OrderStatus.REFUNDED)) {
                set.put("order_status", AttributeValue.fromS(OrderStatus.REFUNDED));
                set.put("refunded_at", AttributeValue.fromS(clock.instant().toString()));
            }
            SetClause clause = SetClause.of(set);
            Map<String, String> names = new HashMap<>(clause.names());
            names.put("#rid", refundId);
            Map<String, AttributeValue> values = new HashMap<>(clause.values());
            values.put(":before", number(before));
            values.put(":one", number(1));
            values.put(":refund", AttributeValue.fromM(Map.of("amount", AttributeValue.fromS(Long.toString(amount)),
                    "reason", AttributeValue.fromS(reason == null ? "" : reason), "refunded_at", AttributeValue.fromS(clock.instant().toString()))));
            String condition = before == 0 ? "(attribute_not_exists(refunded_cents) OR refunded_cents = :before)" : "refunded_cents = :before";
            try {
                dynamoDb.updateItem(r -> r.tableName(ordersTable)
                        .key(key(order))
                        .updateExpression("SET version = version + :one, refunds.#rid = :refund, " + clause.assignments())
                        .conditionExpression(condition)
                        .expressionAttributeNames(names).expressionAttributeValues(values));
                return Optional.of(order);
            } catch (ConditionalCheckFailedException e) {
                LOG.info("Refund {} of order {} raced another refund; recording it again on the new total", refundId, order.orderNumber());
            }
        }
        throw new IllegalStateException("could not record refund " + refundId + " of order " + orderId + " after 5 attempts");
    }

    private static Map<String, AttributeValue> key(Order order) {
        return Map.of("order_id", AttributeValue.fromS(order.orderId()), "user_id", AttributeValue.fromS(order.userId()));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
