package org.camelshop.platform.provision;

import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A DynamoDB table as the seed plan defines it: keys, global secondary indexes and an optional TTL attribute. */
public record TableSpec(String name, Key partitionKey, Optional<Key> sortKey, List<Index> indexes, Optional<String> ttlAttribute) {

    public record Key(String attribute, ScalarAttributeType type) {
        public static Key string(String attribute) {
            return new Key(attribute, ScalarAttributeType.S);
        }

        public static Key number(String attribute) {
            return new Key(attribute, ScalarAttributeType.N);
        }
    }

    public record Index(String name, Key partitionKey, Optional<Key> sortKey) {
        /** Indexes are named after their keys, as in the seed: {@code category-created_at-index}. */
        public static Index of(Key partitionKey, Key sortKey) {
            return new Index(partitionKey.attribute() + "-" + sortKey.attribute() + "-index", partitionKey, Optional.of(sortKey));
        }

        public static Index of(String name, Key partitionKey) {
            return new Index(name, partitionKey, Optional.empty());
        }
    }

    public static Builder table(String name, Key partitionKey) {
        return new Builder(name, partitionKey);
    }

    public static final class Builder {
        private final String name;
        private final Key partitionKey;
        private Key sortKey;
        private final java.util.ArrayList<Index> indexes = new java.util.ArrayList<>();
        private String ttlAttribute;

        private Builder(String name, Key partitionKey) {
            this.name = name;
            this.partitionKey = partitionKey;
        }

        public Builder sortKey(Key key) {
            this.sortKey = key;
            return this;
        }

        public Builder index(Index index) {
            indexes.add(index);
            return this;
        }

        public Builder ttl(String attribute) {
            this.ttlAttribute = attribute;
            return this;
        }

        public TableSpec build() {
            return new TableSpec(name, partitionKey, Optional.ofNullable(sortKey), List.copyOf(indexes), Optional.ofNullable(ttlAttribute));
        }
    }
}
