package org.camelshop.tracking;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * The (user, product) pairs viewed often enough to be browse-abandonment candidates, spread over {@link #SHARDS}
 * partitions so a scan can read them in parallel; {@link ViewCounters} counts them.
 */
public interface BrowseCandidates {

    /** Views of one product after which a user is a browse-abandonment candidate. */
    int CANDIDATE_VIEWS = 3;
    /** Partitions the candidates are spread over (by user). */
    int SHARDS = 16;

    /** A (user, product) pair viewed at least {@link #CANDIDATE_VIEWS} times, last at {@code lastView}. */
    record Candidate(String userId, String productId, String lastView) {
    }

    /** The candidates of one partition (0 to {@link #SHARDS} - 1) last viewed at or after {@code since}, whose counter is live. */
    Stream<Candidate> candidates(int shard, Instant since, Instant now);
}
