package org.camelshop.order;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.camelshop.platform.DynamoItems;
import org.camelshop.platform.PersonalRecords;
import org.camelshop.platform.TableWrites;
import org.camelshop.platform.SetClause;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** The Orders table (PK {@code order_id}, SK {@code user_id}); every status change is conditional on the status read. */
public final class OrderRepository implements OrderHistory, PersonalRecords {

    /** The e-mail address of an order whose customer deleted their account. */
    public static final String ERASED_EMAIL = "deleted-user@invalid";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final OrderLists lists;

    /**
     * {@code writes} tells of every write to the table, by any bean: each makes the owner's cached list ({@code lists})
     * out of date. A guest has no list (it takes a login), so guest orders cost no Redis call.
     */
    public OrderRepository(DynamoDbClient dynamoDb, String table, OrderLists lists, TableWrites writes) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.lists = lists;
        writes.onWrite(table, item -> {
            String userId = item.get("user_id").s();
            if (!Order.isGuest(userId)) {
                lists.changed(userId);
            }
        });
    }

    /** Stores a new order; false if an order with its id exists already. */
    public boolean insertIfAbsent(Order order) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoItems.toItem(order));
        if (order.accessTokenHash() != null) {
            // write-only in JSON so it never reaches a client; stored explicitly
            item.put("access_token_hash", AttributeValue.fromS(order.accessTokenHash()));
        }
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(order_id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Order> find(String orderId) {
        return dynamoDb.query(r -> r.tableName(table).consistentRead(true).keyConditionExpression("order_id = :id")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(orderId))))
                .items().stream().findFirst().map(item -> DynamoItems.fromItem(item, Order.class));
    }

    /** A user's orders, newest first (through the user's cached list; a guest's straight from the table). */
    @Override
    public List<Order> forUser(String userId) {
        return Order.isGuest(userId) ? query(userId) : lists.forUser(userId, () -> query(userId));
    }

    @Override
    public Set<String> writtenLately(Collection<String> userIds) {
        return lists.writtenLately(userIds);
    }

    private List<Order> query(String userId) {
        QueryRequest request = QueryRequest.builder().tableName(table).indexName("user_id-order_date-index")
                .keyConditionExpression("user_id = :u").expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))
                .scanIndexForward(false).build();
        return dynamoDb.queryPaginator(request).items().stream().map(item -> DynamoItems.fromItem(item, Order.class)).toList();
    }

    /** All orders, or those in one status (through {@code order_status-order_date-index}), newest first. */
    public Stream<Order> all(Optional<String> status) {
        if (status.isPresent()) {
            QueryRequest request = QueryRequest.builder().tableName(table).indexName("order_status-order_date-index")
                    .keyConditionExpression("order_status = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status.get())))
                    .scanIndexForward(false).build();
            return dynamoDb.queryPaginator(request).items().stream().map(item -> DynamoItems.fromItem(item, Order.class));
        }
        return dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).build()).items().stream()
                .map(item -> DynamoItems.fromItem(item, Order.class))
                .sorted((a, b) -> b.orderDate().compareTo(a.orderDate()));
    }

    /** Records a sent mail under {@code mails.<template>}. */
    public void recordMail(Order order, String template, Map<String, String> record) {
        Map<String, AttributeValue> values = new HashMap<>();
        record.forEach((name, value) -> values.put(name, AttributeValue.fromS(value)));
        dynamoDb.updateItem(r -> r.tableName(table).key(key(order))
                .updateExpression("SET mails.#t = :record")
                .expressionAttributeNames(Map.of("#t", template))
                .expressionAttributeValues(Map.of(":record", AttributeValue.fromM(values))));
    }

    private static Map<String, AttributeValue> key(Order order) {
        return Map.of("order_id", AttributeValue.fromS(order.orderId()), "user_id", AttributeValue.fromS(order.userId()));
    }

    /**
     * Removes the personal data of an order whose buyer deleted their account: address, notes and e-mail go; lines,
     * totals and dates stay, so the books still add up.
     */
    public void anonymise(Order order) {
        dynamoDb.updateItem(r -> r.tableName(table).key(key(order))
                .updateExpression("SET user_email = :gone REMOVE shipping_address, billing_address, notes")
                .expressionAttributeValues(Map.of(":gone", AttributeValue.fromS(ERASED_EMAIL))));
    }

    /** Sets attributes that don't take part in the state machine (the queue message id, a note). */
    public void annotate(Order order, Map<String, AttributeValue> attributes) {
        SetClause set = SetClause.of(attributes);
        dynamoDb.updateItem(r -> r.tableName(table).key(key(order))
                .updateExpression("SET " + set.assignments())
                .expressionAttributeNames(set.names()).expressionAttributeValues(set.values()));
    }

    /**
     * Sets the given attributes if the order's status is still {@code expectedStatus}; false if it moved on (another
     * processor, a redelivered message or an admin got there first).
     */
    public boolean update(Order order, String expectedStatus, Map<String, AttributeValue> changes) {
        SetClause set = SetClause.of(changes);
        Map<String, String> names = new HashMap<>(set.names());
        names.put("#status", "order_status");
        Map<String, AttributeValue> values = new HashMap<>(set.values());
        values.put(":expected", AttributeValue.fromS(expectedStatus));
        values.put(":one", AttributeValue.fromN("1"));
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(order))
                    .updateExpression("SET version = version + :one, " + set.assignments())
                    .conditionExpression("#status = :expected")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public String section() {
        return "orders";
    }

    @Override
    public Object export(String userId, Instant now) {
        return forUser(userId);
    }

    @Override
    public void erase(String userId, Instant now) {
        forUser(userId).forEach(this::anonymise);
    }
}
