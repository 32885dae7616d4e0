package org.camelshop.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.platform.ApiException;

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
        long cacheVersion,
        List<Variant.Option> options,
        List<Variant> variants) {

    public static final String ACTIVE = "active";
    /** Soft-deleted: orders keep pointing at it, the shop and the admin list no longer show it. */
    public static final String DELETED = "deleted";

    /**
     * The picture a mail shows of this product or one of its variants (a PNG or JPEG every mail client shows), as a
     * site path or URL: see {@link ProductThumbnails#mailImage}.
     */
    public String mailImage(String variantId) {
        return ProductThumbnails.mailImage(this, variantId);
    }

    public Product withStatus(String newStatus) {
        return new Product(productId, name, description, price, category, subcategory, imageUrl, images, sku, stockQuantity,
                digitalDownload, downloadUrl, weight, dimensions, featured, newStatus, tags, createdAt, updatedAt, salesCount,
                rating, reviewCount, cacheVersion, options, variants);
    }

    public Product withUpdatedAt(String timestamp) {
        return new Product(productId, name, description, price, category, subcategory, imageUrl, images, sku, stockQuantity,
                digitalDownload, downloadUrl, weight, dimensions, featured, status, tags, createdAt, timestamp, salesCount,
                rating, reviewCount, cacheVersion, options, variants);
    }

    /** Whether a buyer has to choose options (size, colour) to buy it. */
    public boolean hasVariants() {
        return variants != null && !variants.isEmpty();
    }

    /**
     * The variant a cart line or order names: none for a product without options; for one with options the choice is
     * required and must exist (400 otherwise).
     */
    public Optional<Variant> variant(String variantId) {
        if (!hasVariants()) {
            if (variantId != null) {
                throw badVariant("no_options", name + " has no options to choose from", "must be left out for this product");
            }
            return Optional.empty();
        }
        if (variantId == null || variantId.isBlank()) {
            String choices = options.stream().map(o -> o.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" and "));
            throw badVariant("variant_required", "Choose the " + choices + " of " + name, "is required: choose the " + choices);
        }
        return Optional.of(findVariant(variantId).orElseThrow(() -> badVariant("unknown_variant", name + " has no variant " + variantId, "must be one of the product's variants")));
    }

    /** The variant of this id, if the product has it. */
    public Optional<Variant> findVariant(String variantId) {
        return hasVariants() ? variants.stream().filter(v -> v.variantId().equals(variantId)).findFirst() : Optional.empty();
    }

    /** Whether a stored cart or order line still names something of this product that can be bought. */
    public boolean sells(String variantId) {
        return variantId == null ? !hasVariants() : findVariant(variantId).isPresent();
    }

    private static ApiException badVariant(String code, String message, String problem) {
        return new ApiException(400, code, message, List.of(new ApiException.FieldProblem("variant_id", problem)));
    }

    /** How many of this product (or of its variant) can be bought now. */
    public int stockOf(Optional<Variant> variant) {
        return variant.map(Variant::stock).orElse(stockQuantity);
    }

    /** The price, in cents, of the product or of its variant. */
    public long priceOf(Optional<Variant> variant) {
        return variant.map(v -> v.priceOr(price)).orElse(price);
    }

    /** The variant's label ("M / Navy"), or null without one. */
    public String labelOf(Optional<Variant> variant) {
        return variant.map(v -> v.label(options)).orElse(null);
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
