package org.camelshop.tracking;

/** A user's recommended products (the weekly e-mail reads them); {@link Recommendations} computes and caches them. */
public interface Recommender {

    Recommendations.Recommended forUser(String userId);
}
