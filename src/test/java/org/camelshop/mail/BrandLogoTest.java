package org.camelshop.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;

import javax.imageio.ImageIO;

import org.camelshop.platform.StoredObject;
import org.junit.jupiter.api.Test;

/** The mail logo: a PNG in the configured brand colours. */
class BrandLogoTest {

    private static Brand brand(String primary, String onPrimary) {
        return new Brand("Shop", "https://shop.example", "https://shop.example/images/logo.png", primary, onPrimary, "#111", "#fff",
                List.of("1 Main St"), "https://shop.example/preferences.html", "usd");
    }

    @Test
    void theLogoIsAPngOnTheBrandColourWithTheMarkInTheColourOnIt() throws Exception {
        StoredObject png = new BrandLogo(brand("#7a1f2b", "#fff")).png();
        assertEquals("image/png", png.contentType());
        assertTrue(png.cacheControl().contains("max-age"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.bytes()));
        assertEquals(BrandLogo.SIZE, image.getWidth());
        assertEquals(BrandLogo.SIZE, image.getHeight());
        assertEquals(0xff7a1f2b, image.getRGB(BrandLogo.SIZE / 2, 6), "the ground in the primary colour");
        assertEquals(0, image.getRGB(0, 0) >>> 24, "the rounded corner is transparent");
        // the humps' stroke crosses the middle column: some pixel there is the colour on the brand colour
        boolean mark = false;
        for (int y = 0; y < BrandLogo.SIZE; y++) {
            mark |= image.getRGB(BrandLogo.SIZE * 13 / 32, y) == 0xffffffff;
        }
        assertTrue(mark, "the mark in #fff");
        BufferedImage other = ImageIO.read(new ByteArrayInputStream(new BrandLogo(brand("#123456", "#fff")).png().bytes()));
        assertEquals(0xff123456, other.getRGB(BrandLogo.SIZE / 2, 6), "another brand, another colour");
    }
}
