package org.camelshop.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The (user, product) pairs viewed often enough to be browse-abandonment candidates, spread over {@link #SHARDS}
 * partitions so a scan can read them in parallel, with what the tracking recorder heard of each pair (views, cart
 * adds, purchases); {@link ViewCounters} keeps them.
 */
public interface BrowseCandidates {

    /** Views of one product after which a user is a browse-abandonment candidate. */
    int CANDIDATE_VIEWS = 3;
    /** Partitions the candidates are spread over (by user). */
    int SHARDS = 16;

    /**
     * A (user, product) pair viewed at least {@link #CANDIDATE_VIEWS} times, last at {@code lastView}: the times of its
     * newest views (at least {@link #CANDIDATE_VIEWS}) and of its latest cart add (null if none).
     */
    record Candidate(String userId, String productId, String lastView, List<Instant> views, Instant lastCartAdd) {

        /** How many of the newest views were at or after {@code since}. */
        public long viewsSince(Instant since) {
            return views.stream().filter(at -> !at.isBefore(since)).count();
        }

        public boolean addedToCartSince(Instant since) {
            return lastCartAdd != null && !lastCartAdd.isBefore(since);
        }
    }

    /** The candidates of one partition (0 to {@link #SHARDS} - 1) last viewed at or after {@code since}, whose counter is live. */
    Stream<Candidate> candidates(int shard, Instant since, Instant now);

    /** The dates of the orders in which each of these pairs' users bought its product (a batch read); pairs never bought are absent. */
    Map<Candidate, List<Instant>> purchases(List<Candidate> candidates);
}
