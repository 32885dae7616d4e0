package org.camelshop.account;

import java.time.Instant;

/** Reading and erasing an account, for the user's own data export and deletion; AccountRepository does both. */
public interface AccountErasure extends AccountLookup {

    /** Erases the account, leaving a tombstone that queued work for the user checks. */
    void erase(Account account, Instant at);
}
