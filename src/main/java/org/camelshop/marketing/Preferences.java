package org.camelshop.marketing;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.account.AccountLookup;
import org.camelshop.mail.MailRequest;
import org.camelshop.platform.SessionUser;
import org.camelshop.platform.ApiException;

/**
 * E-mail preferences: read and change your own, and the one-click unsubscribe link of every marketing mail (no login:
 * the signed token names the user). A user without a row has the defaults, addressed to their account e-mail.
 */
public final class Preferences {

    /** A change from the preferences page: only the fields sent are changed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Change(String email, Boolean marketingEmails, Boolean abandonedCartEmails, Boolean priceDropAlerts,
            Boolean backInStockAlerts, Boolean productRecommendations, Boolean newsletter, Boolean unsubscribed) {
    }

    /** The preferences after a change, and the mail request confirming a new address (null when none is needed). */
    public record Changed(EmailPreferences preferences, String confirmationMail) {
    }

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,}");
    private final PreferencesRepository repository;
    private final AccountLookup accounts;
    private final UnsubscribeTokens tokens;
    private final Clock clock;
    private final String shopUrl;
    private static final java.time.Duration CONFIRMATION_VALID = java.time.Duration.ofDays(2);

    public Preferences(PreferencesRepository repository, AccountLookup accounts, UnsubscribeTokens tokens, String shopUrl, Clock clock) {
        this.shopUrl = shopUrl;
        this.repository = repository;
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
    }

    public EmailPreferences mine(SessionUser user) {
        return of(user.userId()).orElseThrow(() -> ApiException.notFound("Account"));
    }

    /**
     * Changes what was sent. A new address is not used at once: it waits as {@code pending_email} until its owner follows
     * the signed link in the mail this answers along, so nobody can sign someone else up for marketing mail.
     */
    public Changed change(Change change, SessionUser user) {
        EmailPreferences current = mine(user);
        if (change.email() != null && (change.email().length() > 254 || !EMAIL.matcher(change.email().trim()).matches())) {
            throw ApiException.invalidField("email", "must be an e-mail address");
        }
        String requested = change.email() == null ? null : change.email().trim().toLowerCase(java.util.Locale.ROOT);
        String pending = requested == null ? current.pendingEmail() : requested.equals(current.email()) ? null : requested;
        EmailPreferences changed = new EmailPreferences(current.userId(), current.email(),
                pick(change.marketingEmails(), current.marketingEmails()), pick(change.abandonedCartEmails(), current.abandonedCartEmails()),
                pick(change.priceDropAlerts(), current.priceDropAlerts()), pick(change.backInStockAlerts(), current.backInStockAlerts()),
                pick(change.productRecommendations(), current.productRecommendations()), pick(change.newsletter(), current.newsletter()),
                pick(change.unsubscribed(), current.unsubscribed()), current.createdAt(), current.updatedAt(), pending);
        if (changed.equals(current)) {
            return new Changed(current, null); // nothing sent that differs: nothing to write
        }
        changed = changed.touched(clock.instant().toString());
        repository.save(changed);
        if (requested == null || !requested.equals(pending)) {
            return new Changed(changed, null);
        }
        return new Changed(changed, MailRequest.confirmation(pending, shopUrl + "/api/preferences/confirm-email?token="
                + tokens.issueAddressConfirmation(current.userId(), pending, clock.instant().plus(CONFIRMATION_VALID))));
    }

    /** The link of a confirmation mail: the pending address becomes the one marketing mail goes to. Answers where to send the browser. */
    public String confirmAddress(String token) {
        UnsubscribeTokens.AddressChange confirmed = tokens.verifyAddressConfirmation(token, clock.instant())
                .orElseThrow(() -> ApiException.invalidField("token", "is not a valid or current confirmation link"));
        EmailPreferences current = of(confirmed.userId()).orElseThrow(() -> ApiException.notFound("Subscriber"));
        if (!confirmed.email().equals(current.pendingEmail())) {
            throw ApiException.invalidField("token", "was replaced by a later change of address");
        }
        repository.save(current.confirmed(confirmed.email(), clock.instant().toString()));
        return "/preferences.html?email_confirmed=1";
    }

    /**
     * The unsubscribe link: switches off one kind of mail ({@code kind} = a trigger id) or all marketing mail, and
     * answers with where to send the browser. A bad or forged token is a 400 and changes nothing.
     */
    public String unsubscribe(String token, String kind) {
        String userId = tokens.verify(token).orElseThrow(() -> ApiException.invalidField("token", "is not a valid unsubscribe token"));
        Trigger trigger = kind == null || kind.isBlank() ? null
                : Trigger.byId(kind).orElseThrow(() -> ApiException.invalidField("kind", "is not a kind of marketing mail"));
        EmailPreferences current = of(userId).orElseThrow(() -> ApiException.notFound("Subscriber"));
        repository.save(current.without(trigger, clock.instant().toString()));
        return "/preferences.html?unsubscribed=" + (trigger == null ? "all" : trigger.id());
    }

    /**
     * RFC 8058 one-click unsubscribe: the mail client POSTs {@code List-Unsubscribe=One-Click} to the link of the
     * mail's List-Unsubscribe header, and gets a plain answer rather than a page.
     */
    public Map<String, String> unsubscribeOneClick(String token, String kind) {
        unsubscribe(token, kind);
        return Map.of("unsubscribed", kind == null || kind.isBlank() ? "all" : kind);
    }

    /** A user's preferences (defaults if never set); empty when the account no longer exists. */
    public Optional<EmailPreferences> of(String userId) {
        return repository.find(userId).or(() -> accounts.findById(userId)
                .map(account -> EmailPreferences.defaults(userId, account.email(), clock.instant().toString())));
    }

    /** {@link #of} for many users at once (two batch reads); users whose account no longer exists are absent. */
    public Map<String, EmailPreferences> ofAll(Collection<String> userIds) {
        Map<String, EmailPreferences> found = new HashMap<>(repository.findAll(userIds));
        List<String> defaults = userIds.stream().filter(user -> !found.containsKey(user)).toList();
        String now = clock.instant().toString();
        accounts.findByIds(defaults).forEach((user, account) -> found.put(user, EmailPreferences.defaults(user, account.email(), now)));
        return found;
    }

    public String unsubscribeToken(String userId) {
        return tokens.issue(userId);
    }

    private static boolean pick(Boolean given, boolean current) {
        return given != null ? given : current;
    }
}
