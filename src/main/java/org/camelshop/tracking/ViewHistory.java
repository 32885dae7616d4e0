package org.camelshop.tracking;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Who viewed what and when, as other domains may read it (the marketing scans); {@link ProductViews} keeps the rows. */
public interface ViewHistory {

    /** A user's rows since {@code since}, newest first. */
    List<ProductView> forUser(String userId, Instant since, Instant now);

    /** Every live row since {@code since}. */
    Stream<ProductView> since(Instant since, Instant now);
}
