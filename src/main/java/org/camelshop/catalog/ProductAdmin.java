package org.camelshop.catalog;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.camelshop.platform.ApiException;
import org.camelshop.platform.ResponseCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin create / update / delete of products, each followed by invalidating every cached copy. A stock change is
 * guarded by the product's cache_version like any other edit, so it can't overwrite a reservation made meanwhile.
 */
public final class ProductAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(ProductAdmin.class);

    private final ProductRepository products;
    private final ResponseCache cache;
    private final Clock clock;
    private final StockWatch watch;
    private final Categories categories;

    public ProductAdmin(ProductRepository products, ResponseCache cache, Clock clock, StockWatch watch, Categories categories) {
        this.products = products;
        this.categories = categories;
        this.cache = cache;
        this.clock = clock;
        this.watch = watch;
    }

    public Product create(ProductInput input) {
        String now = clock.instant().toString();
        String id = "prod-" + UUID.randomUUID().toString().substring(0, 13).replace("-", "");
        Product blank = new Product(id, null, null, -1, null, null, null, List.of(), null, 0, false, null, null, null,
                false, Product.ACTIVE, List.of(), now, now, 0, 0.0, 0, 1, null, null);
        if (input.price() == null) {
            throw ApiException.invalidField("price", "is required");
        }
        Product product = input.applyTo(blank, categories);
        if (!products.claimSku(product.sku(), id)) {
            throw ApiException.conflict("sku_taken", "Another product already has SKU " + product.sku());
        }
        products.insert(product);
        cache.invalidateProduct(id);
        LOG.info("Product {} created ({})", id, product.sku());
        watch.created(id, product.stockQuantity());
        if (product.hasVariants()) {
            product.variants().forEach(v -> watch.variantCreated(id, v.variantId(), v.stock()));
        }
        return product;
    }

    public Product update(ProductInput input, String productId) {
        return change(productId, input);
    }

    /** Applies the fields set in {@code input} to a product (also used by the admin's bulk actions). */
    public Product change(String productId, ProductInput input) {
        Product current = existing(productId);
        Product changed = input.applyTo(current, categories);
        changed = changed.withUpdatedAt(clock.instant().toString());
        boolean newSku = !changed.sku().equals(current.sku());
        if (newSku && !products.claimSku(changed.sku(), productId)) {
            throw ApiException.conflict("sku_taken", "Another product already has SKU " + changed.sku());
        }
        if (!products.update(changed, current.cacheVersion())) {
            if (newSku) {
                products.releaseSku(changed.sku(), productId);
            }
            throw ApiException.conflict("concurrent_update", "The product changed while you edited it; reload and try again");
        }
        if (newSku) {
            products.releaseSku(current.sku(), productId);
        }
        cache.invalidateProduct(productId);
        watch.changed(productId, current.stockQuantity(), changed.stockQuantity());
        Product stored = products.find(productId).orElseThrow();
        if (stored.hasVariants()) {
            // a variant added now is new, not one whose stock crossed zero
            stored.variants().forEach(v -> current.findVariant(v.variantId()).ifPresentOrElse(
                    before -> watch.variantChanged(productId, v.variantId(), before.stock(), v.stock()),
                    () -> watch.variantCreated(productId, v.variantId(), v.stock())));
        }
        return stored;
    }

    /** Soft delete: orders keep pointing at the product, the shop stops showing it. */
    public void delete(String productId) {
        Product current = existing(productId);
        Product deleted = current.withStatus(Product.DELETED);
        if (!products.update(deleted, current.cacheVersion())) {
            throw ApiException.conflict("concurrent_update", "The product changed meanwhile; try again");
        }
        cache.invalidateProduct(productId);
        LOG.info("Product {} deleted", productId);
    }

    private Product existing(String productId) {
        return products.find(ProductQuery.validProductId(productId))
                .filter(p -> !Product.DELETED.equals(p.status()))
                .orElseThrow(() -> ApiException.notFound("Product " + productId));
    }
}
