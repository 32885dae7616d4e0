package org.camelshop.account;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** An account by user id, as other domains (marketing's preferences) read it; AccountRepository answers. */
public interface AccountLookup {

    /** The account, or empty when there is none or it was deleted. */
    Optional<Account> findById(String userId);

    /** The accounts of many users at once, by user id; users without one (or deleted) are absent. */
    Map<String, Account> findByIds(Collection<String> userIds);
}
