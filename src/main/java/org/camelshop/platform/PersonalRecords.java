package org.camelshop.platform;

import java.time.Instant;

/**
 * What one domain keeps about a user, for the user's data export and account deletion (marketing's PersonalData).
 * Each domain that keeps personal data offers one; the caller never sees the domain's tables.
 */
public interface PersonalRecords {

    /** The name of these records in the user's export ("cart", "orders", ...). */
    String section();

    /** The user's records as the export shows them. */
    Object export(String userId, Instant now);

    /** Deletes or anonymises the user's records; called after the account's tombstone is written. */
    void erase(String userId, Instant now);
}
