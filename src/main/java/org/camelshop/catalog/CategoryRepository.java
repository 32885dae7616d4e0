package org.camelshop.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.camelshop.catalog.Categories.Category;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** The {@code Categories} table: one item per category (name, position, subcategories in order). */
public final class CategoryRepository {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public CategoryRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Every category, in display order (a handful of items: one consistent scan). */
    public List<Category> all() {
        return dynamoDb.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build()).items().stream()
                .map(item -> new Category(item.get("name").s(), Integer.parseInt(item.get("position").n()),
                        item.containsKey("subcategories") ? item.get("subcategories").l().stream().map(AttributeValue::s).toList() : List.of()))
                .sorted(Comparator.comparingInt(Category::position).thenComparing(Category::name))
                .toList();
    }

    /** Stores a new category; false if one of that name exists. */
    public boolean insert(Category category) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(Map.of(
                            "name", AttributeValue.fromS(category.name()),
                            "position", AttributeValue.fromN(Integer.toString(category.position())),
                            "subcategories", AttributeValue.fromL(category.subcategories().stream().map(AttributeValue::fromS).toList())))
                    .conditionExpression("attribute_not_exists(#n)")
                    .expressionAttributeNames(Map.of("#n", "name")));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public void delete(String name) {
        dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("name", AttributeValue.fromS(name))));
    }

    /**
     * Every category; a new shop's empty table first gets {@code defaults} (instances that find it empty at the same
     * moment write the same items). The last category cannot be deleted, so only a new shop's table is ever empty.
     */
    public List<Category> allOrSeed(List<Category> defaults) {
        List<Category> all = all();
        if (!all.isEmpty()) {
            return all;
        }
        defaults.forEach(this::insert);
        return all();
    }
}
