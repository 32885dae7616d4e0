package org.camelshop.marketing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductLookup;
import org.camelshop.mail.Brand;
import org.camelshop.mail.MarketingContent;
import org.camelshop.mail.MarketingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content of marketing mails, from their MarketingQueue record: the copy of each trigger, the products with
 * links that count clicks, an open pixel, the discount code, and the unsubscribe link. Checked again at send time:
 * a mail already sent, or to someone who has opted out since the scan, does not go out.
 */
public final class MarketingMails implements MarketingContent {

    private static final Logger LOG = LoggerFactory.getLogger(MarketingMails.class);
    private final MarketingRecords records;
    private final Preferences preferences;
    private final ProductLookup products;
    private final String shopUrl;
    private final Clock clock;

    public MarketingMails(MarketingRecords records, Preferences preferences, ProductLookup products, String shopUrl, Clock clock) {
        this.records = records;
        this.preferences = preferences;
        this.products = products;
        this.shopUrl = shopUrl;
        this.clock = clock;
    }

    @Override
    public Optional<Composed> compose(String marketingId) {
        MarketingRecord record = records.find(marketingId)
                .orElseThrow(() -> new IllegalStateException("marketing record " + marketingId + " is not in MarketingQueue"));
        if (record.wasSent()) {
            return Optional.empty();
        }
        Trigger trigger = Trigger.byId(record.triggerType()).orElseThrow();
        Optional<EmailPreferences> prefs = preferences.of(record.userId());
        if (prefs.isEmpty() || !prefs.get().allows(trigger)) {
            LOG.info("Marketing mail {} not sent: the recipient opted out", marketingId);
            records.markSuppressed(marketingId, "opted_out");
            return Optional.empty();
        }
        String id = enc(marketingId);
        String unsubscribe = shopUrl + "/api/preferences/unsubscribe?token=" + enc(preferences.unsubscribeToken(record.userId()))
                + "&kind=" + trigger.id();
        List<Product> shown = Arrays.stream(record.triggerData().getOrDefault("product_ids", "").split(","))
                .filter(p -> !p.isBlank()).map(products::find).flatMap(Optional::stream).toList();
        // a variant's notice names the variant ("T-shirt — S / Navy") at its price
        Optional<String> variantId = Optional.ofNullable(record.triggerData().get("variant_id"));
        List<MarketingMail.Item> items = shown.stream().map(product -> variantId.flatMap(product::findVariant)
                .map(v -> new MarketingMail.Item(product.name() + " — " + v.label(product.options()), v.priceOr(product.price()),
                        click(id, product.productId()), image(product, v.variantId())))
                .orElseGet(() -> new MarketingMail.Item(product.name(), product.price(), click(id, product.productId()), image(product, null))))
                .toList();
        Map<String, String> copy = copy(trigger, record);
        return Optional.of(new Composed(copy.get("headline"), new MarketingMail(copy.get("headline"), copy.get("intro"), copy.get("offer"), items,
                shopUrl + "/api/marketing/click/" + id + "?url=" + enc("/shop.html"), shopUrl + "/api/marketing/open/" + id, unsubscribe)));
    }

    @Override
    public void sent(String marketingId, String messageId) {
        Instant now = clock.instant();
        records.markSent(marketingId, now.toString(), messageId, now.plus(Campaigns.RECORD_TTL).getEpochSecond());
    }

    private static Map<String, String> copy(Trigger trigger, MarketingRecord record) {
        String code = record.discountCode();
        String offer = code == null ? "" : "Use code " + code + " for " + trigger.discountPercent() + " % off, valid for 7 days, once.";
        Map<String, String> data = record.triggerData();
        return switch (trigger) {
            case ABANDONED_CART -> Map.of("headline", "You left something in your cart",
                    "intro", "Your cart is still waiting for you. Finish your order whenever you are ready.", "offer", offer);
            case BROWSE_ABANDONMENT -> Map.of("headline", "Still thinking it over?",
                    "intro", "You looked at this more than once. Here it is again, with a little help.", "offer", offer);
            case PRICE_DROP -> Map.of("headline", "A price you were waiting for",
                    "intro", "A product on your watchlist now costs " + money(Long.parseLong(data.get("price")))
                            + ", below your target of " + money(Long.parseLong(data.get("target_price"))) + ".", "offer", "");
            case BACK_IN_STOCK -> Map.of("headline", "Back in stock",
                    "intro", "A product on your watchlist is available again, while stock lasts.", "offer", "");
            case RECOMMENDATIONS -> Map.of("headline", "Picked for you this week",
                    "intro", "A few things we think you will like, based on what you looked at.", "offer", "");
        };
    }

    /** The product's picture for mail (a PNG or JPEG every mail client shows), as an absolute URL. */
    private String image(Product product, String variantId) {
        return Brand.absolute(shopUrl, product.mailImage(variantId));
    }

    private String click(String id, String productId) {
        return shopUrl + "/api/marketing/click/" + id + "?url=" + enc("/product.html?id=" + productId);
    }

    private static String money(long cents) {
        return String.format(Locale.ROOT, "$%d.%02d", cents / 100, cents % 100);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
