package org.camelshop.catalog;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A catalog product with the seed's attributes. Money is integer cents; weight in grams; dimensions in cm.
 * {@code download_url} never leaves the server: buyers get signed, expiring links once paid.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Product(
        String productId,
        String name,
        String description,
        long price,
        String category,
        String subcategory,
        String imageUrl,
        List<String> images,
        String sku,
        int stockQuantity,
        boolean digitalDownload,
        @JsonIgnore String downloadUrl,
        Integer weight,
        Map<String, Integer> dimensions,
        boolean featured,
        String status,
        List<String> tags,
        String createdAt,
        String updatedAt,
        long salesCount,
        double rating,
        int reviewCount,
        long cacheVersion) {

    public static final String ACTIVE = "active";
    /** Soft-deleted: orders keep pointing at it, the shop and the admin list no longer show it. */
    public static final String DELETED = "deleted";

    public Product withStatus(String newStatus) {
        return new Product(productId, name, description, price, category, subcategory, imageUrl, images, sku, stockQuantity,
                digitalDownload, downloadUrl, weight, dimensions, featured, newStatus, tags, createdAt, updatedAt, salesCount,
                rating, reviewCount, cacheVersion);
    }

    public Product withUpdatedAt(String timestamp) {
        return new Product(productId, name, description, price, category, subcategory, imageUrl, images, sku, stockQuantity,
                digitalDownload, downloadUrl, weight, dimensions, featured, status, tags, createdAt, timestamp, salesCount,
                rating, reviewCount, cacheVersion);
    }

    /** The name a buyer's download gets (the last part of the stored file's key); the key itself stays private. */
    @com.fasterxml.jackson.annotation.JsonProperty("download_file")
    public String downloadFile() {
        return downloadUrl == null ? null : downloadUrl.substring(downloadUrl.lastIndexOf('/') + 1);
    }

    @com.fasterxml.jackson.annotation.JsonProperty("in_stock")
    public boolean inStock() {
        return stockQuantity > 0;
    }
}
