package org.camelshop.pricing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camelshop.platform.DynamoBatches;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The DiscountCodes table. Redemption is one conditional update, so limits hold under any concurrency. */
public final class DiscountCodeRepository implements DiscountCodeIssuer {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DiscountCodeRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public Optional<DiscountCode> find(String code) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(code))).item();
        return item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    public List<DiscountCode> all() {
        return dynamoDb.scanPaginator(r -> r.tableName(table)).items().stream().map(DiscountCodeRepository::fromItem)
                .sorted((a, b) -> a.code().compareTo(b.code())).toList();
    }

    /** Stores a new code, or replaces one when {@code replace}; false when a new code's name is taken. */
    @Override
    public boolean save(DiscountCode code, boolean replace) {
        try {
            Map<String, AttributeValue> values = values(code);
            StringBuilder expression = new StringBuilder("SET #t = :t, #v = :v, single_use_per_user = :s, active = :a, "
                    + "created_at = if_not_exists(created_at, :c), used_count = if_not_exists(used_count, :zero)");
            List<String> removed = new java.util.ArrayList<>();
            optional(expression, removed, values, "expires_at", ":e", code.expiresAt() == null ? null : AttributeValue.fromS(code.expiresAt()));
            optional(expression, removed, values, "usage_limit", ":l",
                    code.usageLimit() == null ? null : AttributeValue.fromN(Integer.toString(code.usageLimit())));
            if (!removed.isEmpty()) {
                expression.append(" REMOVE ").append(String.join(", ", removed));
            }
            dynamoDb.updateItem(r -> {
                r.tableName(table).key(key(code.code()))
                        .updateExpression(expression.toString())
                        .expressionAttributeNames(Map.of("#t", "type", "#v", "value"))
                        .expressionAttributeValues(values);
                if (!replace) {
                    r.conditionExpression("attribute_not_exists(code)");
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Set<String> saveNew(List<DiscountCode> codes) {
        Set<String> taken = DynamoBatches.get(dynamoDb, table, codes.stream().map(code -> key(code.code())).toList()).stream()
                .map(item -> item.get("code").s()).collect(Collectors.toSet());
        DynamoBatches.put(dynamoDb, table, codes.stream().filter(code -> !taken.contains(code.code())).map(DiscountCodeRepository::newItem).toList());
        return taken;
    }

    /** The item {@link #save} makes of a new code: nothing used yet, no empty attributes. */
    private static Map<String, AttributeValue> newItem(DiscountCode code) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("code", AttributeValue.fromS(code.code()), "type", AttributeValue.fromS(code.type()),
                "value", AttributeValue.fromN(Long.toString(code.value())), "single_use_per_user", AttributeValue.fromBool(code.singleUsePerUser()),
                "active", AttributeValue.fromBool(code.active()), "created_at", AttributeValue.fromS(code.createdAt()),
                "used_count", AttributeValue.fromN("0")));
        if (code.expiresAt() != null) {
            item.put("expires_at", AttributeValue.fromS(code.expiresAt()));
        }
        if (code.usageLimit() != null) {
            item.put("usage_limit", AttributeValue.fromN(Integer.toString(code.usageLimit())));
        }
        return item;
    }

    /**
     * Uses the code once for {@code customer}'s order {@code orderId}: fails (false) when it is inactive, used up, or — for
     * single-use codes — already used by this customer; true again for the same order (a retried checkout counts once).
     * Expiry is checked by the caller with the shop's clock.
     */
    public boolean redeem(DiscountCode code, String customer, String orderId) {
        StringBuilder condition = new StringBuilder("active = :true AND (attribute_not_exists(usage_limit) OR used_count < usage_limit)"
                + " AND NOT contains(redeemed_for, :order)");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":true", AttributeValue.fromBool(true),
                ":one", AttributeValue.fromN("1"), ":customers", AttributeValue.fromSs(List.of(customer)),
                ":orders", AttributeValue.fromSs(List.of(orderId)), ":order", AttributeValue.fromS(orderId)));
        if (code.singleUsePerUser()) {
            condition.append(" AND NOT contains(redeemed_by, :customer)");
            // DynamoDB refuses a value the expressions do not use: only a once-per-customer code names the customer
            values.put(":customer", AttributeValue.fromS(customer));
        }
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(code.code()))
                    .updateExpression("ADD used_count :one, redeemed_by :customers, redeemed_for :orders")
                    .conditionExpression(condition.toString())
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            // redeemed for this very order already (a retried checkout): still good, and counted once
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(code.code()))
                    .projectionExpression("redeemed_for")).item();
            return item.containsKey("redeemed_for") && item.get("redeemed_for").ss().contains(orderId);
        }
    }

    /**
     * Gives back the use an order made of the code when the order is cancelled: one use fewer, and the customer (as in
     * {@link #redeem}) may use it again. Conditional on the order being among those that redeemed it, so a repeated
     * release changes nothing.
     */
    public void release(String code, String customer, String orderId) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(code))
                    .updateExpression("ADD used_count :minus DELETE redeemed_by :customers, redeemed_for :orders")
                    .conditionExpression("contains(redeemed_for, :order)")
                    .expressionAttributeValues(Map.of(":minus", AttributeValue.fromN("-1"), ":customers", AttributeValue.fromSs(List.of(customer)),
                            ":orders", AttributeValue.fromSs(List.of(orderId)), ":order", AttributeValue.fromS(orderId))));
        } catch (ConditionalCheckFailedException e) {
            // given back already (or the code is gone)
        }
    }

    /** Whether a single-use code was already used by this customer. */
    public boolean usedBy(String code, String customer) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(code))
                .projectionExpression("redeemed_by")).item();
        return item.containsKey("redeemed_by") && item.get("redeemed_by").ss().contains(customer);
    }

    private static Map<String, AttributeValue> key(String code) {
        return Map.of("code", AttributeValue.fromS(code));
    }

    /** SET an attribute that has a value, REMOVE it when it has none: nothing is stored as NULL. */
    private static void optional(StringBuilder expression, List<String> removed, Map<String, AttributeValue> values,
            String attribute, String placeholder, AttributeValue value) {
        if (value == null) {
            removed.add(attribute);
        } else {
            expression.append(", ").append(attribute).append(" = ").append(placeholder);
            values.put(placeholder, value);
        }
    }

    private static Map<String, AttributeValue> values(DiscountCode code) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":t", AttributeValue.fromS(code.type()));
        values.put(":v", AttributeValue.fromN(Long.toString(code.value())));
        values.put(":s", AttributeValue.fromBool(code.singleUsePerUser()));
        values.put(":a", AttributeValue.fromBool(code.active()));
        values.put(":c", AttributeValue.fromS(code.createdAt()));
        values.put(":zero", AttributeValue.fromN("0"));
        return values;
    }

    private static DiscountCode fromItem(Map<String, AttributeValue> item) {
        return new DiscountCode(item.get("code").s(), item.get("type").s(), Long.parseLong(item.get("value").n()),
                item.containsKey("expires_at") ? item.get("expires_at").s() : null,
                item.containsKey("usage_limit") ? Integer.valueOf(item.get("usage_limit").n()) : null,
                item.containsKey("used_count") ? Long.parseLong(item.get("used_count").n()) : 0,
                Boolean.TRUE.equals(item.get("single_use_per_user").bool()), Boolean.TRUE.equals(item.get("active").bool()),
                item.get("created_at").s());
    }
}
