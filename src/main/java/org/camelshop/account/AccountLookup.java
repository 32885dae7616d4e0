package org.camelshop.account;

import java.util.Optional;

/** An account by user id, as other domains (marketing's preferences) read it; AccountRepository answers. */
public interface AccountLookup {

    /** The account, or empty when there is none or it was deleted. */
    Optional<Account> findById(String userId);
}
