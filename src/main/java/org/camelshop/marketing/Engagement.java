package org.camelshop.marketing;

import java.util.Base64;

import org.camelshop.platform.ApiException;

/**
 * Open and click tracking of marketing mails. The open pixel is a 1×1 GIF; a click records itself and redirects,
 * but only to a path of this shop — never to another site (no open redirect).
 */
public final class Engagement {

    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final java.util.regex.Pattern QUEUE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_:.\\-]{1,300}");
    private final MarketingRecords records;
    private final String shopUrl;

    public Engagement(MarketingRecords records, String shopUrl) {
        this.records = records;
        this.shopUrl = shopUrl;
    }

    public byte[] opened(String queueId) {
        if (QUEUE_ID.matcher(queueId).matches()) {
            records.mark(queueId, "opened");
        }
        return PIXEL;
    }

    /** Where to send the browser: the shop's own page. Records the click (and an open: the mail was read). */
    public String clicked(String queueId, String url) {
        String target = url == null ? "/" : url;
        if (!target.startsWith("/") || target.startsWith("//") || target.contains("\\") || target.length() > 500
                || target.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalidField("url", "must be a path of this shop");
        }
        if (QUEUE_ID.matcher(queueId).matches() && records.mark(queueId, "clicked")) {
            records.mark(queueId, "opened");
        }
        return shopUrl + target;
    }
}
