package org.camelshop.marketing;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camelshop.account.Account;
import org.camelshop.account.AccountErasure;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.PersonalRecords;
import org.camelshop.platform.SessionUser;
import org.camelshop.platform.Sessions;

/**
 * A user's own data: everything the shop keeps about them as one JSON document, and deleting their account. Deleting
 * ends every session of the user on every device, leaves a tombstone in place of the account (queued work checks it,
 * see AccountRepository#erase), has each domain erase its PersonalRecords of the user — the cart, browsing history
 * (rows and view counters) and watchlist are removed; orders are anonymised, not deleted (address, notes and e-mail
 * removed; lines and totals kept, so accounting stays whole); reviews stay for the product but lose the author's
 * name — and removes the user's marketing preferences and records.
 */
public final class PersonalData {

    private final AccountErasure accounts;
    private final Sessions sessions;
    /** The other domains' records of a user, in the order the export shows them. */
    private final List<PersonalRecords> domains;
    private final Preferences preferences;
    private final PreferencesRepository preferenceRows;
    private final MarketingRecords records;
    private final Clock clock;

    public PersonalData(AccountErasure accounts, Sessions sessions, List<PersonalRecords> domains, Preferences preferences,
            PreferencesRepository preferenceRows, MarketingRecords records, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.domains = List.copyOf(domains);
        this.preferences = preferences;
        this.preferenceRows = preferenceRows;
        this.records = records;
        this.clock = clock;
    }

    public Map<String, Object> export(SessionUser user) {
        Account account = account(user);
        String userId = account.userId();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("account", account.view());
        data.put("preferences", preferences.of(userId).orElse(null));
        domains.forEach(domain -> data.put(domain.section(), domain.export(userId, clock.instant())));
        data.put("marketing_emails", records.forEmail(account.email()));
        data.put("exported_at", clock.instant().toString());
        return data;
    }

    public void delete(SessionUser user) {
        Account account = account(user);
        String userId = account.userId();
        // the tombstone first: every consumer of queued work checks it, so nothing is written for the user afterwards
        accounts.erase(account, clock.instant());
        sessions.deleteAll(userId);
        domains.forEach(domain -> domain.erase(userId, clock.instant()));
        preferences.of(userId).ifPresent(p -> records.forEmail(p.email()).forEach(r -> records.delete(r.queueId())));
        records.forEmail(account.email()).forEach(r -> records.delete(r.queueId()));
        preferenceRows.delete(userId);
    }

    private Account account(SessionUser user) {
        return accounts.findById(user.userId()).orElseThrow(() -> ApiException.notFound("Account"));
    }
}
