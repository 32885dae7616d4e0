package org.camelshop.order;

import org.camelshop.platform.Signatures;

/**
 * The order link in a guest's mail: the shop keeps only a hash of the access token it gave at checkout, so the mail
 * carries a signed token of its own. It opens that one order (read, invoice, downloads, pay, cancel), exactly as the
 * checkout token does, on any device.
 */
public final class OrderLinks {

    private static final String PURPOSE = "order";
    private static final String PREFIX = "m.";
    private final Signatures signatures;

    public OrderLinks(Signatures signatures) {
        this.signatures = signatures;
    }

    public String token(String orderId) {
        return PREFIX + signatures.sign(PURPOSE, orderId);
    }

    public boolean grants(String orderId, String token) {
        return token != null && token.startsWith(PREFIX) && signatures.verify(PURPOSE, orderId, token.substring(PREFIX.length()));
    }
}
