package org.camelshop.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductAdmin;
import org.camelshop.catalog.ProductInput;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.platform.ApiException;

/**
 * {@code POST /api/admin/products/bulk {product_ids, action, percent?, category?, subcategory?}}: one admin action on up
 * to 100 products, each through {@link ProductAdmin} (validation, SKU rules, cache invalidation, stock events), so a bulk
 * change is exactly a series of single changes. Actions: feature, unfeature, activate, draft, archive, delete,
 * price_percent (−90 … +500 %), move (category, optional subcategory). Answers {action, changed, failed: [...]}: one
 * product failing does not stop the others.
 */
public final class ProductBulk {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Request(List<String> productIds, String action, Integer percent, String category, String subcategory) {
    }

    public static final List<String> ACTIONS = List.of("feature", "unfeature", "activate", "draft", "archive", "delete", "price_percent", "move");
    private final ProductAdmin admin;
    private final ProductRepository products;

    public ProductBulk(ProductAdmin admin, ProductRepository products) {
        this.admin = admin;
        this.products = products;
    }

    public Map<String, Object> apply(Request request) {
        if (request.productIds() == null || request.productIds().isEmpty() || request.productIds().size() > 100) {
            throw ApiException.invalidField("product_ids", "must list 1 to 100 products");
        }
        if (request.action() == null || !ACTIONS.contains(request.action())) {
            throw ApiException.invalidField("action", "must be one of " + ACTIONS);
        }
        if ("price_percent".equals(request.action()) && (request.percent() == null || request.percent() < -90 || request.percent() > 500)) {
            throw ApiException.invalidField("percent", "must be a whole number from -90 to 500");
        }
        if ("move".equals(request.action()) && (request.category() == null || request.category().isBlank())) {
            throw ApiException.invalidField("category", "is required to move products");
        }
        int changed = 0;
        List<Map<String, String>> failed = new ArrayList<>();
        for (String id : request.productIds().stream().distinct().toList()) {
            try {
                one(id, request);
                changed++;
            } catch (ApiException e) {
                Map<String, String> failure = new LinkedHashMap<>();
                failure.put("product_id", id);
                failure.put("error", e.code());
                failure.put("message", e.getMessage());
                failed.add(failure);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", request.action());
        answer.put("changed", changed);
        answer.put("failed", failed);
        return answer;
    }

    private void one(String id, Request r) {
        switch (r.action()) {
            case "delete" -> admin.delete(id);
            case "feature", "unfeature" -> admin.change(id, input(null, "feature".equals(r.action()), null));
            case "activate" -> admin.change(id, input(null, null, Product.ACTIVE));
            case "draft", "archive" -> admin.change(id, input(null, null, "draft".equals(r.action()) ? "draft" : "archived"));
            case "move" -> admin.change(id, ProductInput.moveTo(r.category(), r.subcategory() == null || r.subcategory().isBlank() ? null : r.subcategory()));
            case "price_percent" -> {
                Product current = products.find(id).orElseThrow(() -> ApiException.notFound("Product " + id));
                long price = Math.max(0, Math.round(current.price() * (100 + r.percent()) / 100.0));
                admin.change(id, input(price, null, null));
            }
            default -> throw ApiException.invalidField("action", "must be one of " + ACTIONS);
        }
    }

    private static ProductInput input(Long price, Boolean featured, String status) {
        return new ProductInput(null, null, price, null, null, null, null, null, null, null, null, null, null, featured, status, null, null, null);
    }
}
