package org.camelshop.platform;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Pictures drawn with Java2D (sample pictures, mail logo, artwork thumbnails) as PNG bytes. */
public final class Png {

    private Png() {
    }

    public static byte[] bytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory: only a broken ImageIO gets here
        }
        return out.toByteArray();
    }
}
