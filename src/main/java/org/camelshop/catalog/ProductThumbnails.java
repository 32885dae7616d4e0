package org.camelshop.catalog;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camelshop.platform.ApiException;
import org.camelshop.platform.Png;
import org.camelshop.platform.StoredObject;

/**
 * Square PNG thumbnails of the product artwork for mail: many mail clients (Gmail, Outlook) show no SVG. Each is the
 * artwork's print in the same colours, pattern and emblem as the SVG ({@link ProductArt}, {@link ArtMotifs}), without
 * text (the mail names the product beside it, and a server without fonts can still draw it), {@value #SIZE} pixels
 * square for a 56-pixel place on a high-density screen. A variant in a colour gets the print on that colour.
 */
public final class ProductThumbnails {

    public static final int SIZE = 112;
    /** The drawing follows from the product id and colour alone: a day in caches, revalidated by ETag after. */
    private static final String CACHE_CONTROL = "public, max-age=86400";
    private static final Pattern NAME = Pattern.compile("thumb(?:-([a-z0-9-]{1,40}))?\\.png");
    /** A picture every mail client shows. */
    private static final Pattern RASTER = Pattern.compile("(?i)[^?#]+\\.(png|jpe?g|gif)([?#].*)?");
    private static final int KEPT = 2048;

    /**
     * Thumbnails drawn already (a few kB each; drawing one takes some milliseconds), the least recently shown dropped
     * first: a mail sent to many shows the same few again and again, and a revalidation needs the bytes for the ETag.
     */
    private final Map<String, byte[]> drawn = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > KEPT;
        }
    });

    /**
     * The site path (or URL) of the picture a mail shows for a product or one of its variants: the uploaded raster
     * picture where there is one (the variant's, else the product's), else the PNG thumbnail of the artwork (in the
     * variant's colour).
     */
    static String mailImage(Product product, String variantId) {
        Optional<Variant> variant = variantId == null ? Optional.empty() : product.findVariant(variantId);
        Optional<String> uploaded = variant.map(Variant::image).filter(ProductThumbnails::isRaster)
                .or(() -> Optional.ofNullable(product.imageUrl()).filter(ProductThumbnails::isRaster));
        if (uploaded.isPresent()) {
            return uploaded.get();
        }
        String colour = variant.flatMap(v -> v.options().entrySet().stream()
                .filter(o -> o.getKey().equalsIgnoreCase("Colour") || o.getKey().equalsIgnoreCase("Color"))
                .map(o -> "-" + ProductArt.slug(o.getValue())).findFirst()).orElse("");
        return "/images/art/" + product.productId() + "/thumb" + colour + ".png";
    }

    private static boolean isRaster(String url) {
        return RASTER.matcher(url).matches();
    }

    /** The thumbnail {@code thumb.png}, or {@code thumb-<colour>.png} in one of the product's colours; else a 404. */
    public StoredObject png(Product product, String name) {
        Matcher m = NAME.matcher(name == null ? "" : name);
        if (!m.matches()) {
            throw ApiException.notFound("Image " + name);
        }
        ProductArt.Palette palette = ProductArt.Palette.of(product.productId());
        if (m.group(1) != null) {
            palette = palette.dyed(ProductArt.colours(product).stream().filter(c -> ProductArt.slug(c).equals(m.group(1))).findFirst()
                    .orElseThrow(() -> ApiException.notFound("Image " + name)));
        }
        String key = product.productId() + "/" + name;
        byte[] png = drawn.get(key);
        if (png == null) { // two requests at once may both draw it: the same bytes, and no lock held while drawing
            png = draw(palette);
            drawn.put(key, png);
        }
        return new StoredObject("art/" + product.productId() + "/" + name, "image/png", png, CACHE_CONTROL);
    }

    /** The print of the palette: ground, pattern and emblem, as PNG bytes. */
    static byte[] draw(ProductArt.Palette c) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(color(c.ground()));
            g.fillRect(0, 0, SIZE, SIZE);
            pattern(g, c);
            g.setColor(color(c.accent()));
            g.fill(ArtMotifs.shape(c.motif(), SIZE / 2.0, SIZE / 2.0, SIZE * .42));
        } finally {
            g.dispose();
        }
        return Png.bytes(image);
    }

    /** The SVG's four grounds (bands, dots, rings, frame), at the thumbnail's scale and a little bolder. */
    private static void pattern(Graphics2D g, ProductArt.Palette c) {
        Color light = color(c.groundLight());
        g.setColor(new Color(light.getRed(), light.getGreen(), light.getBlue(), 140));
        double u = SIZE / 480.0 * 1.6;
        switch (c.pattern()) {
            case 0 -> {
                for (double x = -SIZE; x < SIZE; x += 56 * u) {
                    Path2D.Double band = new Path2D.Double();
                    band.moveTo(x, SIZE);
                    band.lineTo(x + SIZE, 0);
                    band.lineTo(x + SIZE + 22 * u, 0);
                    band.lineTo(x + 22 * u, SIZE);
                    band.closePath();
                    g.fill(band);
                }
            }
            case 1 -> {
                for (double y = 24 * u; y < SIZE; y += 48 * u) {
                    for (double x = 24 * u; x < SIZE; x += 48 * u) {
                        g.fill(new Ellipse2D.Double(x - 6 * u, y - 6 * u, 12 * u, 12 * u));
                    }
                }
            }
            case 2 -> {
                g.setStroke(new BasicStroke((float) (10 * u)));
                for (double r = 60 * u; r < SIZE; r += 46 * u) {
                    g.draw(new Ellipse2D.Double(SIZE / 2.0 - r, SIZE / 2.0 - r, 2 * r, 2 * r));
                }
            }
            default -> {
                g.fill(new Rectangle2D.Double(0, 0, SIZE, SIZE * .08));
                g.fill(new Rectangle2D.Double(0, SIZE * .96, SIZE, SIZE * .04));
                g.setColor(color(c.accent()));
                g.setStroke(new BasicStroke((float) (8 * u)));
                g.draw(new Rectangle2D.Double(18 * u, 18 * u, SIZE - 36 * u, SIZE - 36 * u));
            }
        }
    }

    private static final Pattern HSL = Pattern.compile("hsl\\((\\d+),(\\d+)%,(\\d+)%\\)");

    /** A CSS {@code hsl(h,s%,l%)} of the artwork's palette as a Java2D colour. */
    static Color color(String hsl) {
        Matcher m = HSL.matcher(hsl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an hsl() colour: " + hsl);
        }
        double h = Integer.parseInt(m.group(1)) / 360.0;
        double s = Integer.parseInt(m.group(2)) / 100.0;
        double l = Integer.parseInt(m.group(3)) / 100.0;
        double q = l < .5 ? l * (1 + s) : l + s - l * s;
        double p = 2 * l - q;
        return new Color((float) hue(p, q, h + 1 / 3.0), (float) hue(p, q, h), (float) hue(p, q, h - 1 / 3.0));
    }

    private static double hue(double p, double q, double t) {
        double x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
        return x < 1 / 6.0 ? p + (q - p) * 6 * x : x < .5 ? q : x < 2 / 3.0 ? p + (q - p) * (2 / 3.0 - x) * 6 : p;
    }
}
