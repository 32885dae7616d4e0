package org.camelshop.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductThumbnails;
import org.camelshop.catalog.SampleCatalog;
import org.camelshop.local.LocalStackExtension;
import org.camelshop.local.RunningShop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PNG pictures mails link to, served by the running shop: the logo and the artwork thumbnails are PNGs ImageIO
 * reads at their size, with Cache-Control and an ETag (304 when unchanged); an unknown product or name is a 404 and
 * no malformed id is a 500.
 */
@ExtendWith(LocalStackExtension.class)
class MailImagesIT {

    private final RunningShop shop;
    private final HttpClient http = HttpClient.newHttpClient();

    MailImagesIT(RunningShop shop) {
        this.shop = shop;
    }

    private HttpResponse<byte[]> get(String path, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A PNG of the size, with caching headers, and a 304 for its ETag; returns the ETag. */
    private String assertCachedPng(String path, int size) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get(path, null);
        assertEquals(200, response.statusCode(), path + ": " + new String(response.body()));
        assertEquals("image/png", response.headers().firstValue("content-type").orElse(""), path);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertEquals(size, image.getWidth(), path);
        assertEquals(size, image.getHeight(), path);
        assertTrue(response.headers().firstValue("cache-control").orElse("").matches("public, max-age=\\d+"), path);
        String etag = response.headers().firstValue("etag").orElseThrow();
        HttpResponse<byte[]> again = get(path, etag);
        assertEquals(304, again.statusCode(), path);
        assertEquals(0, again.body().length);
        return etag;
    }

    @Test
    void theLogoIsAPngInTheBrandColours() throws Exception {
        assertCachedPng(BrandLogo.PATH, BrandLogo.SIZE);
    }

    @Test
    void aProductsThumbnailIsAPngAndUnknownOnesAreNotFound() throws Exception {
        List<Product> catalog = SampleCatalog.products();
        String id = catalog.get(0).productId();
        String etag = assertCachedPng("/images/art/" + id + "/thumb.png", ProductThumbnails.SIZE);
        assertNotEquals(etag, assertCachedPng("/images/art/" + catalog.get(1).productId() + "/thumb.png", ProductThumbnails.SIZE));
        Product shirt = catalog.stream().filter(Product::hasVariants).findFirst().orElseThrow();
        String colour = shirt.variants().get(0).options().get("Colour").toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        assertCachedPng("/images/art/" + shirt.productId() + "/thumb-" + colour + ".png", ProductThumbnails.SIZE);

        for (String unknown : List.of("/images/art/prod-9999/thumb.png", "/images/art/" + id + "/thumb-purple.png",
                "/images/art/" + id + "/other.png")) {
            HttpResponse<byte[]> response = get(unknown, null);
            assertEquals(404, response.statusCode(), unknown);
            assertTrue(new String(response.body()).contains("\"error\""), unknown + ": the API's JSON error");
        }
        for (String garbage : List.of("%00", "x".repeat(3000), "%3Cscript%3E", "..%2F..%2Fetc", "%E2%80%AE")) {
            int status = get("/images/art/" + garbage + "/thumb.png", null).statusCode();
            assertTrue(status == 400 || status == 404, garbage + " -> " + status);
        }
    }
}
