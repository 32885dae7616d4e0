package org.camelshop.review;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.camelshop.platform.PersonalRecords;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The Reviews table (PK {@code review_id}, SK {@code product_id}). */
public final class ReviewRepository implements PersonalRecords {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ReviewRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Stores a new review; false when a review with its id (one per user and product) exists. */
    public boolean insert(Review review) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(toItem(review)).conditionExpression("attribute_not_exists(review_id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public Optional<Review> find(String reviewId) {
        return dynamoDb.query(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("review_id = :id")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(reviewId))))
                .items().stream().findFirst().map(ReviewRepository::fromItem);
    }

    /** A product's reviews, newest first, from {@code product_id-created_at-index}. */
    public Stream<Review> forProduct(String productId) {
        QueryRequest request = QueryRequest.builder().tableName(table).indexName("product_id-created_at-index")
                .keyConditionExpression("product_id = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(productId)))
                .scanIndexForward(false)
                .build();
        return dynamoDb.queryPaginator(request).items().stream().map(ReviewRepository::fromItem);
    }

    /** A user's reviews, from {@code user_id-created_at-index}. */
    public Stream<Review> forUser(String userId) {
        QueryRequest request = QueryRequest.builder().tableName(table).indexName("user_id-created_at-index")
                .keyConditionExpression("user_id = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))
                .build();
        return dynamoDb.queryPaginator(request).items().stream().map(ReviewRepository::fromItem);
    }

    /** Keeps a review's rating and words for the product but cuts its link to the person who wrote it. */
    public void anonymise(Review review) {
        dynamoDb.updateItem(r -> r.tableName(table)
                .key(Map.of("review_id", AttributeValue.fromS(review.reviewId()), "product_id", AttributeValue.fromS(review.productId())))
                .updateExpression("SET user_id = :u, user_name = :n")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS("deleted-user"), ":n", AttributeValue.fromS("Former customer"))));
    }

    /** Counts one helpful vote per user: the voter set on the review makes a second vote fail its condition. */
    public boolean addHelpfulVote(Review review, String userId) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(review))
                    .updateExpression("ADD helpful_count :one, helpful_voters :voter")
                    .conditionExpression("attribute_exists(review_id) AND NOT contains(helpful_voters, :user)")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                            ":voter", AttributeValue.fromSs(java.util.List.of(userId)), ":user", AttributeValue.fromS(userId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Moves a review from one status to another; false when it was not in {@code from} (already moved). */
    public boolean changeStatus(Review review, String from, String to) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(review))
                    .updateExpression("SET #s = :to")
                    .conditionExpression("#s = :from")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(to), ":from", AttributeValue.fromS(from))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(Review review) {
        return Map.of("review_id", AttributeValue.fromS(review.reviewId()), "product_id", AttributeValue.fromS(review.productId()));
    }

    private static Map<String, AttributeValue> toItem(Review review) {
        Map<String, AttributeValue> item = new HashMap<>(key(review));
        item.put("user_id", AttributeValue.fromS(review.userId()));
        item.put("user_name", AttributeValue.fromS(review.userName()));
        item.put("rating", AttributeValue.fromN(Integer.toString(review.rating())));
        if (review.title() != null && !review.title().isEmpty()) {
            item.put("title", AttributeValue.fromS(review.title()));
        }
        item.put("review_text", AttributeValue.fromS(review.reviewText()));
        item.put("verified_purchase", AttributeValue.fromBool(review.verifiedPurchase()));
        item.put("helpful_count", AttributeValue.fromN(Long.toString(review.helpfulCount())));
        item.put("created_at", AttributeValue.fromS(review.createdAt()));
        item.put("status", AttributeValue.fromS(review.status()));
        return item;
    }

    private static Review fromItem(Map<String, AttributeValue> item) {
        return new Review(item.get("review_id").s(), item.get("product_id").s(), item.get("user_id").s(), item.get("user_name").s(),
                Integer.parseInt(item.get("rating").n()), item.containsKey("title") ? item.get("title").s() : null,
                item.get("review_text").s(), Boolean.TRUE.equals(item.get("verified_purchase").bool()),
                Long.parseLong(item.get("helpful_count").n()), item.get("created_at").s(), item.get("status").s());
    }

    @Override
    public String section() {
        return "reviews";
    }

    @Override
    public Object export(String userId, Instant now) {
        return forUser(userId).toList();
    }

    @Override
    public void erase(String userId, Instant now) {
        forUser(userId).forEach(this::anonymise);
    }
}
