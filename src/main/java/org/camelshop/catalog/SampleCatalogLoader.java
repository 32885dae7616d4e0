package org.camelshop.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the sample catalog into an empty Products table (local mode); leaves a table with data alone. */
public final class SampleCatalogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(SampleCatalogLoader.class);

    private final ProductRepository products;

    public SampleCatalogLoader(ProductRepository products) {
        this.products = products;
    }

    public void loadIfEmpty() {
        if (!products.isEmpty()) {
            LOG.info("Products table already has data; sample catalog not loaded");
            return;
        }
        long start = System.nanoTime();
        var sample = SampleCatalog.products();
        products.saveAll(sample);
        LOG.info("Loaded sample catalog: {} products in {} ms", sample.size(), (System.nanoTime() - start) / 1_000_000);
    }
}
