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

import org.apache.camel.Exchange;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.order.Order;
import org.camelshop.platform.ApiException;

/**
 * Digital downloads of a paid order through signed links that expire. {@code GET /api/orders/{id}/downloads} (same
 * access as the order) lists one link per digital product the payment freed ({@code digital_downloads}); each link is
 * {@code /api/downloads/{order_id}/{product_id}?expires=<epoch s>&signature=<HMAC-SHA256>} and redirects to the
 * product's private {@code download_url} while it is valid. Nothing is stored: the signature is the permission.
 */
public final class Downloads {

    private final byte[] secret;
    private final Duration lifetime;
    private final Clock clock;
    private final ProductRepository products;

    public Downloads(String secret, Duration lifetime, Clock clock, ProductRepository products) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("shop.downloads.secret must be at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.lifetime = lifetime;
        this.clock = clock;
        this.products = products;
    }

    /** The links of an order the caller may read (the route checks that first). */
    public Map<String, Object> links(Order order) {
        List<Map<String, Object>> links = new ArrayList<>();
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        List<String> freed = "paid".equals(order.paymentStatus()) && order.digitalDownloads() != null ? order.digitalDownloads() : List.of();
        for (String productId : freed) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("product_id", productId);
            link.put("name", order.items().stream().filter(l -> l.productId().equals(productId)).map(l -> l.name()).findFirst().orElse(productId));
            link.put("url", "/api/downloads/" + order.orderId() + "/" + productId + "?expires=" + expires + "&signature="
                    + sign(order.orderId(), productId, expires));
            link.put("expires_at", java.time.Instant.ofEpochSecond(expires).toString());
            links.add(link);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("order_id", order.orderId());
        answer.put("downloads", links);
        return answer;
    }

    /** Checks a link and answers with a redirect to the file; 403 for a forged or expired link. */
    public void redirect(Exchange exchange, String orderId, String productId, String expires, String signature) {
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
        Product product = products.find(productId).filter(Product::digitalDownload).filter(p -> p.downloadUrl() != null)
                .orElseThrow(() -> ApiException.notFound("Download " + productId));
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
        String target = product.downloadUrl();
        exchange.getMessage().setHeader("Location", target.startsWith("https://") || target.startsWith("/") ? target : "/" + target);
        exchange.getMessage().setHeader("Cache-Control", "private, no-store");
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
