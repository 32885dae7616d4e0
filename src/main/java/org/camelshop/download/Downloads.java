package org.camelshop.download;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.files.GoodsLinks;
import org.camelshop.order.Order;
import org.camelshop.order.OrderRepository;
import org.camelshop.platform.ApiException;

/**
 * Digital downloads of a paid order through signed links that expire. {@code GET /api/orders/{id}/downloads} (same
 * access as the order) lists one link per digital product the payment freed ({@code digital_downloads}) with how often
 * it was downloaded; each link is {@code /api/downloads/{order_id}/{product_id}?expires=<epoch s>&signature=<HMAC-SHA256>}
 * and, while valid and while the order is not refunded, counts a download and redirects to a presigned S3 GET of the
 * product's file (valid for minutes, naming the file). The shop link is the permission; S3 only sees the presigned one.
 */
public final class Downloads {

    private final byte[] secret;
    private final Duration lifetime;
    private final Clock clock;
    private static final java.util.Set<String> PAID = java.util.Set.of("paid", "partially_refunded");

    private final ProductRepository products;
    private final OrderRepository orders;
    private final DownloadCounts counts;
    private final GoodsLinks files;

    public Downloads(DownloadSettings settings, Clock clock, ProductRepository products, OrderRepository orders,
            DownloadCounts counts, GoodsLinks files) {
        String secret = settings.secret();
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("shop.downloads.secret must be at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.lifetime = settings.linkLifetime();
        this.clock = clock;
        this.products = products;
        this.orders = orders;
        this.counts = counts;
        this.files = files;
    }

    /** The links of an order the caller may read (the route checks that first). */
    public Map<String, Object> links(Order order) {
        return links(order, hasAccess(order) ? counts.counts(order) : Map.of());
    }

    Map<String, Object> links(Order order, Map<String, Long> downloaded) {
        List<Map<String, Object>> links = new ArrayList<>();
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        List<String> freed = hasAccess(order) ? order.digitalDownloads() : List.of();
        for (String productId : freed) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("product_id", productId);
            link.put("name", order.items().stream().filter(l -> l.productId().equals(productId)).map(l -> l.name()).findFirst().orElse(productId));
            link.put("url", "/api/downloads/" + order.orderId() + "/" + productId + "?expires=" + expires + "&signature="
                    + sign(order.orderId(), productId, expires));
            link.put("expires_at", java.time.Instant.ofEpochSecond(expires).toString());
            link.put("download_count", downloaded.getOrDefault(productId, 0L));
            links.add(link);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("order_id", order.orderId());
        answer.put("downloads", links);
        return answer;
    }

    /** Checks a link and answers where to redirect to (the file); 403 for a forged or expired link or a refunded order. */
    public String redirect(String orderId, String productId, String expires, String signature) {
        long expiry;
        try {
            expiry = Long.parseLong(expires);
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiException.invalidField("expires", "must be the link's expiry time");
        }
        if (signature == null || !MessageDigest.isEqual(sign(orderId, productId, expiry).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "invalid_link", "This download link is not valid", List.of());
        }
        if (clock.instant().getEpochSecond() > expiry) {
            throw new ApiException(403, "link_expired", "This download link has expired; open your orders page for a fresh one", List.of());
        }
        Order order = orders.find(orderId).orElseThrow(() -> ApiException.notFound("Order " + orderId));
        if (!hasAccess(order) || !order.digitalDownloads().contains(productId)) {
            throw new ApiException(403, "access_revoked", "This order's downloads are no longer available (it was refunded or cancelled)", List.of());
        }
        Product product = products.find(productId).filter(Product::digitalDownload).filter(p -> p.downloadUrl() != null)
                .orElseThrow(() -> ApiException.notFound("Download " + productId));
        String stored = product.downloadUrl();
        // a file hosted elsewhere keeps its https address; the shop's own files are objects in the goods bucket
        String target = stored.startsWith("https://") ? stored : files.presignedGet(stored, product.downloadFile());
        counts.count(order, productId);
        return target;
    }

    private static boolean hasAccess(Order order) {
        return PAID.contains(order.paymentStatus()) && order.digitalDownloads() != null;
    }

    String sign(String orderId, String productId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((orderId + "\n" + productId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
