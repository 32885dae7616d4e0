package org.camelshop.marketing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A row of EmailPreferences (seed). Marketing mail goes out only while {@code marketing_emails} and the kind's own
 * switch are on and the user has not unsubscribed; order mails are transactional and always sent.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmailPreferences(
        String userId,
        String email,
        boolean marketingEmails,
        boolean abandonedCartEmails,
        boolean priceDropAlerts,
        boolean backInStockAlerts,
        boolean productRecommendations,
        boolean newsletter,
        boolean unsubscribed,
        String createdAt,
        String updatedAt,
        // a new address asked for on the preferences page: marketing mail goes to it only once its owner confirms it
        String pendingEmail) {

    /** A user who never changed anything gets every kind (they can switch each off, or unsubscribe in one click). */
    public static EmailPreferences defaults(String userId, String email, String now) {
        return new EmailPreferences(userId, email, true, true, true, true, true, true, false, now, now, null);
    }

    public boolean allows(Trigger trigger) {
        if (unsubscribed || !marketingEmails) {
            return false;
        }
        return switch (trigger) {
            case ABANDONED_CART -> abandonedCartEmails;
            case PRICE_DROP -> priceDropAlerts;
            case BACK_IN_STOCK -> backInStockAlerts;
            case RECOMMENDATIONS -> productRecommendations;
            case BROWSE_ABANDONMENT -> true;
        };
    }

    /** These preferences, changed at {@code now}. */
    public EmailPreferences touched(String now) {
        return new EmailPreferences(userId, email, marketingEmails, abandonedCartEmails, priceDropAlerts, backInStockAlerts,
                productRecommendations, newsletter, unsubscribed, createdAt, now, pendingEmail);
    }

    /** These preferences with {@code address} confirmed: marketing mail goes there from now on. */
    public EmailPreferences confirmed(String address, String now) {
        return new EmailPreferences(userId, address, marketingEmails, abandonedCartEmails, priceDropAlerts, backInStockAlerts,
                productRecommendations, newsletter, unsubscribed, createdAt, now, null);
    }

    /** These preferences with one kind switched off, or everything ({@code trigger} null). */
    public EmailPreferences without(Trigger trigger, String now) {
        return new EmailPreferences(userId, email, marketingEmails, abandonedCartEmails && trigger != Trigger.ABANDONED_CART,
                priceDropAlerts && trigger != Trigger.PRICE_DROP, backInStockAlerts && trigger != Trigger.BACK_IN_STOCK,
                productRecommendations && trigger != Trigger.RECOMMENDATIONS, newsletter,
                unsubscribed || trigger == null || trigger == Trigger.BROWSE_ABANDONMENT, createdAt, now, pendingEmail);
    }
}
