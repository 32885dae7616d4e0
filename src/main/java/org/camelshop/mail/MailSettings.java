package org.camelshop.mail;

import java.util.List;

import org.camelshop.platform.ShopSettings;

/**
 * The mail domain's settings, read once at start (defaults in application.properties): the sender ({@code shop.mail.from})
 * and the look of every mail ({@code shop.name}, {@code shop.brand.*}, {@code shop.currency}, and the seller's postal
 * address for the footer).
 */
public record MailSettings(String from, Brand brand) {

    public static MailSettings from(ShopSettings settings, String shopUrl, List<String> sellerAddress) {
        Brand brand = new Brand(settings.get("shop.name"), shopUrl, Brand.absolute(shopUrl, settings.get("shop.brand.logo")),
                settings.get("shop.brand.color.primary"), settings.get("shop.brand.color.on-primary"), settings.get("shop.brand.color.text"),
                settings.get("shop.brand.color.background"), sellerAddress, shopUrl + "/preferences.html", settings.get("shop.currency"));
        return new MailSettings(settings.get("shop.mail.from"), brand);
    }
}
