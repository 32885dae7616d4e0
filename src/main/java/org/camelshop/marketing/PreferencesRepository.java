package org.camelshop.marketing;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camelshop.platform.DynamoBatches;
import org.camelshop.platform.DynamoItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The EmailPreferences table. */
public final class PreferencesRepository {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public PreferencesRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public Optional<EmailPreferences> find(String userId) {
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(key(userId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(DynamoItems.fromItem(item, EmailPreferences.class));
    }

    /** The rows of many users at once, by user id; users without a row are absent. */
    public Map<String, EmailPreferences> findAll(Collection<String> userIds) {
        return DynamoBatches.get(dynamoDb, table, userIds.stream().map(PreferencesRepository::key).toList()).stream()
                .map(item -> DynamoItems.fromItem(item, EmailPreferences.class))
                .collect(Collectors.toMap(EmailPreferences::userId, preferences -> preferences));
    }

    public void save(EmailPreferences preferences) {
        dynamoDb.putItem(r -> r.tableName(table).item(DynamoItems.toItem(preferences)));
    }

    public void delete(String userId) {
        dynamoDb.deleteItem(r -> r.tableName(table).key(key(userId)));
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of("user_id", AttributeValue.fromS(userId));
    }
}
