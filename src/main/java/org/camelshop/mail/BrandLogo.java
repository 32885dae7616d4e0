package org.camelshop.mail;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

import org.camelshop.platform.Png;
import org.camelshop.platform.StoredObject;

/**
 * The logo of every mail as a PNG, since Gmail and Outlook show no SVG: the shop's mark (the favicon's camel humps) on
 * a rounded square in the brand's colours, drawn once at start from {@code shop.brand.color.*}, so a change of colours
 * needs no new file. {@value #SIZE} pixels square, shown at 32 (sharp on high-density screens). No text: no fonts needed.
 */
public final class BrandLogo {

    public static final String PATH = "/images/logo.png";
    public static final int SIZE = 64;
    /** Colours may change at the next start: a day in caches, then revalidated by ETag. */
    private static final String CACHE_CONTROL = "public, max-age=86400";

    private final StoredObject png;

    public BrandLogo(Brand brand) {
        this.png = new StoredObject("logo.png", "image/png", draw(Color.decode(expand(brand.primary())), Color.decode(expand(brand.onPrimary()))),
                CACHE_CONTROL);
    }

    public StoredObject png() {
        return png;
    }

    /** The mark on a 32-unit grid (as web/favicon.svg), scaled to the logo's size. */
    private static byte[] draw(Color ground, Color mark) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(SIZE / 32.0, SIZE / 32.0);
            g.setColor(ground);
            g.fill(new RoundRectangle2D.Double(0, 0, 32, 32, 12, 12));
            Path2D.Double humps = new Path2D.Double();
            humps.moveTo(6, 23);
            humps.curveTo(8, 17, 10, 14, 13, 14);
            humps.curveTo(15, 14, 15, 17, 17, 17);
            humps.curveTo(19, 17, 20, 11, 22, 11);
            humps.curveTo(24, 11, 25, 15, 26, 23);
            g.setColor(mark);
            g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(humps);
        } finally {
            g.dispose();
        }
        return Png.bytes(image);
    }

    /** #rgb as #rrggbb (Brand checked the form). */
    private static String expand(String colour) {
        return colour.length() == 4 ? "#" + colour.charAt(1) + colour.charAt(1) + colour.charAt(2) + colour.charAt(2) + colour.charAt(3) + colour.charAt(3)
                : colour;
    }
}
