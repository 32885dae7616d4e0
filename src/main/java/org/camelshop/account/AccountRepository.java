package org.camelshop.account;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camelshop.platform.DynamoBatches;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The Users table. An e-mail address is claimed by a guard item ({@code user_id = "email#<address>"}) written with
 * a condition, so two registrations of one address can never both succeed — the e-mail GSI alone is eventually
 * consistent and could not promise that. Login reads the guard and then the user, both strongly consistent.
 */
public final class AccountRepository implements AccountErasure {

    private static final String EMAIL_GUARD = "email#";
    private static final String ERASED_AT = "erased_at";
    private final DynamoDbClient dynamoDb;
    private final String table;

    public AccountRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * Saves a new account; false when its e-mail address is already taken. The user item goes first: if the claim
     * then fails, the unreachable user item is removed again, and a crash in between leaves no address blocked.
     */
    public boolean create(Account account) {
        dynamoDb.putItem(r -> r.tableName(table).item(toItem(account)));
        try {
            dynamoDb.putItem(r -> r.tableName(table)
                    .item(Map.of("user_id", AttributeValue.fromS(EMAIL_GUARD + account.email()), "owner", AttributeValue.fromS(account.userId())))
                    .conditionExpression("attribute_not_exists(user_id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("user_id", AttributeValue.fromS(account.userId()))));
            return false;
        }
    }

    /**
     * Erases the account and frees its e-mail address. The user item becomes a tombstone holding only the id and the
     * time, so work still queued for the user (tracking events, say) can see that it must not write for them again.
     */
    @Override
    public void erase(Account account, Instant at) {
        dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("user_id", AttributeValue.fromS(EMAIL_GUARD + account.email()))));
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("user_id", AttributeValue.fromS(account.userId()),
                ERASED_AT, AttributeValue.fromS(at.toString()))));
    }

    /** True when the user deleted their account (a strongly consistent read of the tombstone). */
    public boolean isErased(String userId) {
        return get(userId).containsKey(ERASED_AT);
    }

    public Optional<Account> findByEmail(String email) {
        Map<String, AttributeValue> guard = get(EMAIL_GUARD + email);
        return guard.isEmpty() ? Optional.empty() : findById(guard.get("owner").s());
    }

    @Override
    public Optional<Account> findById(String userId) {
        Map<String, AttributeValue> item = get(userId);
        return item.isEmpty() || item.containsKey(ERASED_AT) ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Map<String, Account> findByIds(Collection<String> userIds) {
        return DynamoBatches.get(dynamoDb, table, userIds.stream().map(AccountRepository::key).toList()).stream()
                .filter(item -> !item.containsKey(ERASED_AT)).map(AccountRepository::fromItem)
                .collect(Collectors.toMap(Account::userId, account -> account));
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of("user_id", AttributeValue.fromS(userId));
    }

    private Map<String, AttributeValue> get(String userId) {
        return dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(userId))).item();
    }

    private static Map<String, AttributeValue> toItem(Account account) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("user_id", AttributeValue.fromS(account.userId()));
        item.put("email", AttributeValue.fromS(account.email()));
        item.put("name", AttributeValue.fromS(account.name()));
        item.put("role", AttributeValue.fromS(account.role()));
        item.put("password_hash", AttributeValue.fromS(account.passwordHash()));
        item.put("created_at", AttributeValue.fromS(account.createdAt()));
        return item;
    }

    private static Account fromItem(Map<String, AttributeValue> item) {
        return new Account(item.get("user_id").s(), item.get("email").s(), item.get("name").s(), item.get("role").s(),
                item.get("password_hash").s(), item.get("created_at").s());
    }
}
