package org.camelshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.camelshop.platform.ApiException;
import org.camelshop.platform.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The PNG thumbnails of the artwork for mail, and which picture a mail shows for a product or variant. */
class ProductThumbnailsTest {

    private static final List<Product> SAMPLES = SampleCatalog.products();
    private final ProductThumbnails thumbnails = new ProductThumbnails();

    private static Product firstOf(String category) {
        return SAMPLES.stream().filter(p -> p.category().equals(category)).findFirst().orElseThrow();
    }

    private static Product apparel() {
        return SAMPLES.stream().filter(Product::hasVariants).findFirst().orElseThrow();
    }

    private static BufferedImage read(StoredObject png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.bytes()));
        assertEquals("image/png", png.contentType());
        assertEquals(ProductThumbnails.SIZE, image.getWidth());
        assertEquals(ProductThumbnails.SIZE, image.getHeight());
        return image;
    }

    @Test
    void aThumbnailIsAPngInTheArtworksOwnGroundColour() throws IOException {
        Product book = firstOf("Books");
        StoredObject png = thumbnails.png(book, "thumb.png");
        BufferedImage image = read(png);
        assertTrue(png.cacheControl().contains("max-age"), png.cacheControl());
        // the corner shows the ground of the SVG's palette (the pattern is drawn lighter over it, or not at all there)
        int expected = ProductThumbnails.color(ProductArt.Palette.of(book.productId()).ground()).getRGB();
        int corner = image.getRGB(1, ProductThumbnails.SIZE / 2);
        assertTrue(close(expected, corner) || close(expected, image.getRGB(ProductThumbnails.SIZE - 2, ProductThumbnails.SIZE / 3)),
                Integer.toHexString(expected) + " vs " + Integer.toHexString(corner));
        // the emblem in the accent colour in the middle
        int accent = ProductThumbnails.color(ProductArt.Palette.of(book.productId()).accent()).getRGB();
        boolean emblem = false;
        for (int y = ProductThumbnails.SIZE / 4; y < ProductThumbnails.SIZE * 3 / 4; y++) {
            for (int x = ProductThumbnails.SIZE / 4; x < ProductThumbnails.SIZE * 3 / 4; x++) {
                emblem |= close(accent, image.getRGB(x, y));
            }
        }
        assertTrue(emblem, "the emblem in the accent colour");
        Files.createDirectories(Path.of("target", "art-samples"));
        Files.write(Path.of("target", "art-samples", "thumb-" + book.productId() + ".png"), png.bytes());
    }

    @Test
    void eachProductAndColourHasItsOwnThumbnailAndTheSameEveryTime() throws IOException {
        Product a = SAMPLES.get(0);
        Product b = SAMPLES.get(1);
        assertTrue(java.util.Arrays.equals(thumbnails.png(a, "thumb.png").bytes(), thumbnails.png(a, "thumb.png").bytes()), "deterministic");
        assertFalse(java.util.Arrays.equals(thumbnails.png(a, "thumb.png").bytes(), thumbnails.png(b, "thumb.png").bytes()));
        Product shirt = apparel();
        String colour = ProductArt.colours(shirt).get(0);
        StoredObject dyed = thumbnails.png(shirt, "thumb-" + ProductArt.slug(colour) + ".png");
        read(dyed);
        assertNotEquals(read(thumbnails.png(shirt, "thumb.png")).getRGB(1, 56), read(dyed).getRGB(1, 56), "the variant's colour is the ground");
    }

    @Test
    void anUnknownNameOrColourIsNotFound() {
        Product book = firstOf("Books");
        for (String name : List.of("thumb.svg", "thumb-.png", "thumb-purple.png", "1.png", "../thumb.png", "thumb.png.png",
                "thumb-" + "x".repeat(41) + ".png")) {
            assertNotFound(() -> thumbnails.png(book, name), name);
        }
        assertNotFound(() -> thumbnails.png(apparel(), "thumb-no-such-colour.png"), "a colour the product does not come in");
    }

    private static void assertNotFound(Executable call, String what) {
        ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, call, what);
        assertEquals(404, e.status(), what);
    }

    @Test
    void aMailShowsTheUploadedRasterPictureElseTheThumbnailInTheVariantsColour() {
        Product book = firstOf("Books");
        assertTrue(book.imageUrl().endsWith(".svg"), "a sample product has the category's SVG");
        assertEquals("/images/art/" + book.productId() + "/thumb.png", ProductThumbnails.mailImage(book, null));
        Product uploaded = withImage(book, "/images/uploads/1b4e28ba-2fa1-11d2-883f-0016d3cca427.jpg");
        assertEquals("/images/uploads/1b4e28ba-2fa1-11d2-883f-0016d3cca427.jpg", ProductThumbnails.mailImage(uploaded, null));
        Product cdn = withImage(book, "https://cdn.example/images/p.PNG?v=2");
        assertEquals("https://cdn.example/images/p.PNG?v=2", ProductThumbnails.mailImage(cdn, null));

        Product shirt = apparel();
        Variant variant = shirt.variants().get(0);
        String colour = variant.options().get("Colour");
        assertEquals("/images/art/" + shirt.productId() + "/thumb-" + ProductArt.slug(colour) + ".png",
                ProductThumbnails.mailImage(shirt, variant.variantId()), "the variant's picture is SVG art: its thumbnail in its colour");
        assertEquals("/images/art/" + shirt.productId() + "/thumb.png", ProductThumbnails.mailImage(shirt, "no-such-variant"));
    }

    private static Product withImage(Product p, String url) {
        return new Product(p.productId(), p.name(), p.description(), p.price(), p.category(), p.subcategory(), url, p.images(), p.sku(),
                p.stockQuantity(), p.digitalDownload(), p.downloadUrl(), p.weight(), p.dimensions(), p.featured(), p.status(), p.tags(),
                p.createdAt(), p.updatedAt(), p.salesCount(), p.rating(), p.reviewCount(), p.cacheVersion(), p.options(), p.variants());
    }

    private static boolean close(int rgb1, int rgb2) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((rgb1 >> shift & 0xff) - (rgb2 >> shift & 0xff)) > 3) {
                return false;
            }
        }
        return true;
    }
}
