package org.camelshop.platform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps a JSON-shaped record (snake_case via its Jackson annotations) to a DynamoDB item and back: objects become
 * maps, arrays lists, numbers N, text S, booleans BOOL; nulls are left out. For records whose item is just their
 * JSON, such as orders.
 */
public final class DynamoItems {

    private DynamoItems() {
    }

    public static Map<String, AttributeValue> toItem(Object value) {
        JsonNode tree = Json.mapper().valueToTree(value);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        tree.properties().forEach(entry -> {
            if (!entry.getValue().isNull()) {
                item.put(entry.getKey(), attribute(entry.getValue()));
            }
        });
        return item;
    }

    public static <T> T fromItem(Map<String, AttributeValue> item, Class<T> type) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        item.forEach((name, value) -> tree.set(name, node(value)));
        try {
            return Json.mapper().treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("item does not fit " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static AttributeValue attribute(JsonNode node) {
        if (node.isObject()) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            node.properties().forEach(entry -> {
                if (!entry.getValue().isNull()) {
                    map.put(entry.getKey(), attribute(entry.getValue()));
                }
            });
            return AttributeValue.fromM(map);
        }
        if (node.isArray()) {
            List<AttributeValue> list = new ArrayList<>();
            node.forEach(element -> list.add(attribute(element)));
            return AttributeValue.fromL(list);
        }
        if (node.isNumber()) {
            return AttributeValue.fromN(node.asText());
        }
        if (node.isBoolean()) {
            return AttributeValue.fromBool(node.asBoolean());
        }
        return AttributeValue.fromS(node.asText());
    }

    private static JsonNode node(AttributeValue value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value.s() != null) {
            return nodes.textNode(value.s());
        }
        if (value.n() != null) {
            String number = value.n();
            boolean whole = number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
            return whole ? nodes.numberNode(new java.math.BigInteger(number)) : nodes.numberNode(new BigDecimal(number));
        }
        if (value.bool() != null) {
            return nodes.booleanNode(value.bool());
        }
        if (value.hasM()) {
            ObjectNode object = nodes.objectNode();
            value.m().forEach((name, inner) -> object.set(name, node(inner)));
            return object;
        }
        if (value.hasL()) {
            ArrayNode array = nodes.arrayNode();
            value.l().forEach(inner -> array.add(node(inner)));
            return array;
        }
        if (value.hasSs()) {
            ArrayNode array = nodes.arrayNode();
            value.ss().forEach(array::add);
            return array;
        }
        return nodes.nullNode();
    }
}
