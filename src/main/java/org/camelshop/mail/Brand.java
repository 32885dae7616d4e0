package org.camelshop.mail;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How every mail is dressed (templates/mail/layout.ftlh): the shop's name and public URL, the logo as an absolute URL
 * under it, the colours of {@code shop.brand.*}, the postal address of {@code shop.seller.address} for the footer,
 * the preferences page, and the shop's currency for catalogue prices.
 */
public record Brand(String shopName, String shopUrl, String logoUrl, String primary, String onPrimary, String text, String background,
                    List<String> postalAddress, String preferencesUrl, String currency) {

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?");

    public Brand {
        // the colours go into style attributes: a typo should stop the start, not break every mail's layout
        for (String colour : List.of(primary, onPrimary, text, background)) {
            if (!COLOUR.matcher(colour).matches()) {
                throw new IllegalArgumentException("shop.brand colour " + colour + " is not #rgb or #rrggbb");
            }
        }
        postalAddress = List.copyOf(postalAddress);
    }

    /** A site path ({@code /favicon.svg}) or an absolute URL, as an absolute URL: mail clients have no base URL. */
    public static String absolute(String shopUrl, String pathOrUrl) {
        return pathOrUrl.matches("(?i)https?://.*") ? pathOrUrl : shopUrl + (pathOrUrl.startsWith("/") ? "" : "/") + pathOrUrl;
    }
}
