package org.camelshop.mail;

import java.util.List;

/** What a marketing mail shows (templates/mail/marketing.ftlh and .ftl); prices in cents of the shop's currency. */
public record MarketingMail(String headline, String intro, String offer, List<Item> items, String shopLink, String openPixelUrl,
                            String unsubscribeUrl) {

    /** A product in the mail; {@code link} counts the click before it opens the product; {@code imageUrl} is absolute. */
    public record Item(String name, long price, String link, String imageUrl) {
    }

    public MarketingMail {
        items = List.copyOf(items);
    }
}
