package org.camelshop.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoItemsTest {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Line(String productId, long unitPrice, int quantity) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Sample(String orderId, long total, double rating, boolean paid, List<Line> items, Map<String, String> address, String missing) {
    }

    @Test
    void roundTripsNestedRecordsAndLeavesNullsOut() {
        Sample sample = new Sample("o-1", 12_345, 4.5, true, List.of(new Line("prod-1", 1999, 2)), Map.of("city", "Austin"), null);
        Map<String, AttributeValue> item = DynamoItems.toItem(sample);
        assertEquals(AttributeValue.fromN("12345"), item.get("total"));
        assertEquals(AttributeValue.fromBool(true), item.get("paid"));
        assertEquals("1999", item.get("items").l().get(0).m().get("unit_price").n());
        assertFalse(item.containsKey("missing"));
        assertEquals(sample, DynamoItems.fromItem(item, Sample.class));
    }
}
