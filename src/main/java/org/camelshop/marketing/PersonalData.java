package org.camelshop.marketing;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camelshop.account.Account;
import org.camelshop.account.AccountRepository;
import org.camelshop.platform.SessionUser;
import org.camelshop.cart.CartRepository;
import org.camelshop.order.OrderRepository;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.Sessions;
import org.camelshop.review.ReviewRepository;
import org.camelshop.tracking.ProductViews;
import org.camelshop.tracking.ViewCounters;
import org.camelshop.tracking.Watchlist;

/**
 * A user's own data: everything the shop keeps about them as one JSON document, and deleting their account. Deleting
 * ends every session of the user on every device, leaves a tombstone in place of the account (queued work checks it,
 * see AccountRepository#erase) and removes the cart, browsing history (rows and view counters), watchlist, preferences
 * and marketing records; orders are anonymised, not deleted (address, notes and e-mail removed; lines and totals kept, so accounting stays whole); reviews stay
 * for the product but lose the author's name.
 */
public final class PersonalData {

    private final AccountRepository accounts;
    private final Sessions sessions;
    private final CartRepository carts;
    private final OrderRepository orders;
    private final ReviewRepository reviews;
    private final ProductViews views;
    private final ViewCounters viewCounters;
    private final Watchlist watchlist;
    private final Preferences preferences;
    private final PreferencesRepository preferenceRows;
    private final MarketingRecords records;
    private final Clock clock;

    public PersonalData(AccountRepository accounts, Sessions sessions, CartRepository carts, OrderRepository orders, ReviewRepository reviews,
            ProductViews views, ViewCounters viewCounters, Watchlist watchlist, Preferences preferences, PreferencesRepository preferenceRows, MarketingRecords records,
            Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.carts = carts;
        this.orders = orders;
        this.reviews = reviews;
        this.views = views;
        this.viewCounters = viewCounters;
        this.watchlist = watchlist;
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
        data.put("cart", carts.find(userId).orElse(null));
        data.put("orders", orders.forUser(userId));
        data.put("reviews", reviews.forUser(userId).toList());
        data.put("watchlist", watchlist.forUser(userId).toList());
        data.put("browsing_history", views.forUser(userId, Instant.EPOCH, clock.instant()));
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
        orders.forUser(userId).forEach(orders::anonymise);
        reviews.forUser(userId).forEach(reviews::anonymise);
        carts.delete(userId);
        views.deleteUser(userId, clock.instant());
        viewCounters.deleteUser(userId);
        watchlist.deleteUser(userId);
        preferences.of(userId).ifPresent(p -> records.forEmail(p.email()).forEach(r -> records.delete(r.queueId())));
        records.forEmail(account.email()).forEach(r -> records.delete(r.queueId()));
        preferenceRows.delete(userId);
    }

    private Account account(SessionUser user) {
        return accounts.findById(user.userId()).orElseThrow(() -> ApiException.notFound("Account"));
    }
}
