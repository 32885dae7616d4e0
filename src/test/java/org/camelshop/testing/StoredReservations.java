package org.camelshop.testing;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camelshop.platform.AwsClients;
import org.camelshop.platform.provision.ResourcePlan;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The stock reservations as stored (StockReservations), for tests that check each order took its stock once. */
public final class StoredReservations {

    private StoredReservations() {
    }

    /** The ids ({@code <order>:<line>}) of the reservations in this state on the product. */
    public static Set<String> of(AwsClients aws, String productId, String state) {
        return aws.dynamoDb().scanPaginator(r -> r.tableName(ResourcePlan.STOCK_RESERVATIONS).consistentRead(true)
                        .filterExpression("product_id = :p AND #state = :s").expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(productId), ":s", AttributeValue.fromS(state))))
                .items().stream().map(item -> item.get("reservation_id").s()).collect(Collectors.toSet());
    }

    /** The reservations holding stock of the product now. */
    public static Set<String> held(AwsClients aws, String productId) {
        return of(aws, productId, "held");
    }
}
