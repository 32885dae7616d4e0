package org.camelshop.catalog;

import java.util.Optional;

/** One product by id, as other domains (marketing scans and mails) read it; ProductRepository answers. */
public interface ProductLookup {

    /** A product by id, whatever its status. */
    Optional<Product> find(String productId);
}
