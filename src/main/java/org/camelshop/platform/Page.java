package org.camelshop.platform;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One page of a listing as every list endpoint answers it: {@code {items, page, page_size, total}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Page<T>(List<T> items, int page, int pageSize, int total) {

    /** Page {@code page} (from 1) of {@code all}; past the end it is empty, with the true total. */
    public static <T> Page<T> of(List<T> all, int page, int pageSize) {
        int from = (int) Math.min((long) (page - 1) * pageSize, all.size());
        int to = Math.min(from + pageSize, all.size());
        return new Page<>(List.copyOf(all.subList(from, to)), page, pageSize, all.size());
    }
}
