package org.camelshop.tracking;

import java.time.Instant;

import org.camelshop.platform.PersonalRecords;

/** A user's browsing history as personal data: the view rows, and for erasure also the view counters that count them. */
public record BrowsingHistory(ProductViews views, ViewCounters counters) implements PersonalRecords {

    @Override
    public String section() {
        return "browsing_history";
    }

    @Override
    public Object export(String userId, Instant now) {
        return views.forUser(userId, Instant.EPOCH, now);
    }

    @Override
    public void erase(String userId, Instant now) {
        views.deleteUser(userId, now);
        counters.deleteUser(userId);
    }
}
