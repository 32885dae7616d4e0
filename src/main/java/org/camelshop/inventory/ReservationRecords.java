package org.camelshop.inventory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * One item per reservation ({@code <order>:<line>}) in StockReservations, so the product item stays the same size
 * however much it sells. A record says where the reservation stands: {@code taking} or {@code returning} while one
 * caller holds it under a short lease (a caller that dies mid-way leaves it to the next after the lease), then
 * {@code held}, {@code returned} or {@code shipped}. Finished records expire (TTL on {@code expires_at}).
 */
final class ReservationRecords {

    static final String TAKING = "taking";
    static final String HELD = "held";
    static final String RETURNING = "returning";
    static final String RETURNED = "returned";
    static final String SHIPPED = "shipped";

    /** A record as read: its state, and whether another caller's lease on it is still running. */
    record Stored(String state, boolean leasedElsewhere) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration lease;
    private final Duration keepFinished;

    ReservationRecords(DynamoDbClient dynamoDb, String table, Clock clock, Duration lease, Duration keepFinished) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.lease = lease;
        this.keepFinished = keepFinished;
    }

    /** A new caller's lease token. */
    static String newOwner() {
        return UUID.randomUUID().toString();
    }

    /**
     * Claims the reservation for taking: new, returned before (the order may take again), or left {@code taking} by a
     * caller whose lease ran out. False if it is held, shipped or being worked on by a live caller.
     */
    boolean claimTake(String reservation, String productId, String variantId, int quantity, String owner) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("reservation_id", s(reservation), "product_id", s(productId),
                "quantity", n(quantity), "state", s(TAKING), "owner", s(owner), "lease_until", n(now() + lease.toMillis())));
        if (variantId != null) {
            item.put("variant_id", s(variantId));
        }
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(reservation_id) OR #state = :returned OR (#state = :taking AND lease_until < :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":returned", s(RETURNED), ":taking", s(TAKING), ":now", n(now()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Claims a held reservation for returning its stock, or one left {@code taking}/{@code returning} by a caller whose
     * lease ran out. Returns the state it had, or empty when there is nothing to claim.
     */
    Optional<String> claimReturn(String reservation, String owner) {
        try {
            var before = dynamoDb.updateItem(r -> r.tableName(table).key(key(reservation))
                    .updateExpression("SET #state = :returning, #owner = :owner, lease_until = :until")
                    .conditionExpression("#state = :held OR (#state IN (:taking, :returning) AND lease_until < :now)")
                    .expressionAttributeNames(Map.of("#state", "state", "#owner", "owner"))
                    .expressionAttributeValues(Map.of(":returning", s(RETURNING), ":owner", s(owner), ":until", n(now() + lease.toMillis()),
                            ":held", s(HELD), ":taking", s(TAKING), ":now", n(now())))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            return Optional.of(before.get("state").s());
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** The record as stored now, if any. */
    Optional<Stored> read(String reservation) {
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(reservation))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String state = item.get("state").s();
        boolean leased = (TAKING.equals(state) || RETURNING.equals(state)) && Long.parseLong(item.get("lease_until").n()) >= now();
        return Optional.of(new Stored(state, leased));
    }

    /** The stock is taken: held until the order ships or gives it back. */
    void held(String reservation) {
        dynamoDb.updateItem(r -> r.tableName(table).key(key(reservation))
                .updateExpression("SET #state = :held REMOVE #owner, lease_until")
                .expressionAttributeNames(Map.of("#state", "state", "#owner", "owner"))
                .expressionAttributeValues(Map.of(":held", s(HELD))));
    }

    /** The stock is back on the product; the record stays a while (a late duplicate finds it), then expires. */
    void returned(String reservation) {
        finish(reservation, RETURNING, RETURNED);
    }

    /** The goods left: the reservation will never be returned. */
    void shipped(String reservation) {
        finish(reservation, HELD, SHIPPED);
    }

    /** A take that found too little stock: the claim is dropped, so a later attempt may try again. */
    void drop(String reservation, String owner) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(table).key(key(reservation)).conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner")).expressionAttributeValues(Map.of(":owner", s(owner))));
        } catch (ConditionalCheckFailedException e) {
            // someone took over after our lease: theirs to finish
        }
    }

    private void finish(String reservation, String from, String to) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(reservation))
                    .updateExpression("SET #state = :to, expires_at = :expires REMOVE #owner, lease_until")
                    .conditionExpression("#state = :from")
                    .expressionAttributeNames(Map.of("#state", "state", "#owner", "owner"))
                    .expressionAttributeValues(Map.of(":from", s(from), ":to", s(to),
                            ":expires", n(clock.instant().plus(keepFinished).getEpochSecond()))));
        } catch (ConditionalCheckFailedException e) {
            // finished already
        }
    }

    private long now() {
        return clock.millis();
    }

    private static Map<String, AttributeValue> key(String reservation) {
        return Map.of("reservation_id", s(reservation));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
