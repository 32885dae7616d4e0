package org.camelshop.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lettuce.core.RedisException;
import org.camelshop.platform.SessionUser;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.Json;
import org.camelshop.platform.RedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recommendations per user from ProductViews (see {@link RecommendationRules}), kept in Redis for an hour: the
 * product page's "related" strip, the API and the weekly e-mail read the same list.
 */
public final class Recommendations implements Recommender {

    /** The answer of {@code GET /api/track/recommendations/{user_id}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Recommended(String userId, List<Product> items, String generatedAt) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Recommendations.class);
    private static final Duration HISTORY = Duration.ofDays(90);
    private static final int NEIGHBOUR_PRODUCTS = 5;
    private static final int ROWS_PER_PRODUCT = 100;
    private static final int BESTSELLERS = 200;
    public static final int SIZE = 8;

    private final ProductViews views;
    private final ProductRepository products;
    private final RedisConnection redis;
    private final Duration cacheTtl;
    private final Clock clock;

    public Recommendations(ProductViews views, ProductRepository products, RedisConnection redis, Duration cacheTtl, Clock clock) {
        this.views = views;
        this.products = products;
        this.redis = redis;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
    }

    /** The API: a user's own list (admins may read anyone's). */
    public Recommended forCaller(SessionUser caller, String userId) {
        if (!caller.isAdmin() && !caller.userId().equals(userId)) {
            throw ApiException.forbidden("You can only read your own recommendations");
        }
        return forUser(userId);
    }

    @Override
    public Recommended forUser(String userId) {
        String key = "recs:" + userId;
        try {
            String cached = redis.sync().get(key);
            if (cached != null) {
                return Json.read(cached, Recommended.class);
            }
        } catch (RedisException e) {
            LOG.warn("Recommendations cache unreachable, computing: {}", e.getMessage());
        }
        Recommended fresh = new Recommended(userId, compute(userId), clock.instant().toString());
        try {
            redis.sync().setex(key, cacheTtl.toSeconds(), Json.write(fresh));
        } catch (RedisException e) {
            LOG.warn("Recommendations not cached: {}", e.getMessage());
        }
        return fresh;
    }

    List<Product> compute(String userId) {
        Instant now = clock.instant();
        Instant since = now.minus(HISTORY);
        List<ProductView> mine = views.forUser(userId, since, now);
        Set<String> seeds = new LinkedHashSet<>();
        mine.stream().sorted((a, b) -> RecommendationRules.weight(b.eventType()) - RecommendationRules.weight(a.eventType()))
                .forEach(row -> seeds.add(row.productId()));
        List<ProductView> others = new ArrayList<>();
        seeds.stream().limit(NEIGHBOUR_PRODUCTS).forEach(productId -> {
            Set<String> shoppers = new HashSet<>();
            views.forProduct(productId, since, now, ROWS_PER_PRODUCT).stream()
                    .filter(row -> row.userId() != null && !row.userId().equals(userId))
                    .forEach(row -> shoppers.add(row.userId()));
            shoppers.stream().limit(10).forEach(shopper -> others.addAll(views.forUser(shopper, since, now)));
        });
        List<Product> bestsellers = products.bestsellers(BESTSELLERS);
        Set<String> ids = new HashSet<>();
        others.forEach(row -> ids.add(row.productId()));
        Map<String, Product> candidates = new HashMap<>(products.findAll(ids));
        bestsellers.forEach(p -> candidates.put(p.productId(), p));
        return RecommendationRules.rank(mine, others, bestsellers, candidates, SIZE);
    }
}
