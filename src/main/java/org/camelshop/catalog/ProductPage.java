package org.camelshop.catalog;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One page of a product listing: {@code {items, page, page_size, total}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProductPage(List<Product> items, int page, int pageSize, int total) {
}
