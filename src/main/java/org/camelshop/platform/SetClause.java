package org.camelshop.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The assignments of a DynamoDB {@code SET} for a map of attribute values, with placeholder names and values so any
 * attribute name is safe ({@code #s0 = :s0, #s1 = :s1}). Callers add their own conditions and clauses around it.
 */
public record SetClause(String assignments, Map<String, String> names, Map<String, AttributeValue> values) {

    public static SetClause of(Map<String, AttributeValue> attributes) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> assignments = new ArrayList<>();
        int i = 0;
        for (var attribute : attributes.entrySet()) {
            names.put("#s" + i, attribute.getKey());
            values.put(":s" + i, attribute.getValue());
            assignments.add("#s" + i + " = :s" + i);
            i++;
        }
        return new SetClause(String.join(", ", assignments), names, values);
    }
}
