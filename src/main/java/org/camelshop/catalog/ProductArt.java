package org.camelshop.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camelshop.platform.ApiException;

/**
 * Artwork for a product that has no uploaded picture: an SVG drawn from the product's own name, category and
 * subcategory, in colours and a pattern derived from its id, so two products of one category look different and one
 * product always looks the same. Books and guides get a cover, apparel a shirt or cap, mugs a mug, stickers a sticker,
 * downloads a tablet; {@value #VIEWS} views each for the product page's gallery. Every piece of product text is escaped
 * (and stripped of characters XML does not allow): a name like {@code <script>} is drawn, never run.
 */
public final class ProductArt {

    public static final int VIEWS = 3;
    private static final int W = 640;
    private static final int H = 480;

    /** A view, optionally in one of the product's colours: "2", or "1-heather-grey". */
    private static final Pattern VIEW = Pattern.compile("([1-" + VIEWS + "])(?:-([a-z0-9-]{1,40}))?");

    /** The SVG of view 1-3 of the product, in the colour named after the dash when it has that colour option value. */
    public String svg(Product product, String view) {
        Matcher m = VIEW.matcher(view == null ? "" : view);
        if (!m.matches()) {
            throw ApiException.invalidField("view", "must be 1 to " + VIEWS + ", optionally followed by -<colour>");
        }
        Palette palette = Palette.of(product.productId());
        if (m.group(2) != null) {
            palette = palette.dyed(colours(product).stream().filter(c -> slug(c).equals(m.group(2))).findFirst()
                    .orElseThrow(() -> ApiException.invalidField("view", "the product has no colour " + m.group(2))));
        }
        return draw(product.productId(), product.name(), product.category(), product.subcategory(), Integer.parseInt(m.group(1)), palette);
    }

    /** The picture of a product's variant in a colour: view 1 in it. */
    public static String colourImage(String productId, String colour) {
        return "/images/art/" + productId + "/1-" + slug(colour);
    }

    static List<String> colours(Product product) {
        return product.options() == null ? List.of() : product.options().stream().filter(o -> o.name().equalsIgnoreCase("Colour")
                || o.name().equalsIgnoreCase("Color")).flatMap(o -> o.values().stream()).toList();
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** The drawing itself, from plain values (what the unit test calls). */
    public static String draw(String id, String name, String category, String subcategory, int view) {
        return draw(id, name, category, subcategory, view, Palette.of(id));
    }

    private static String draw(String id, String name, String category, String subcategory, int view, Palette c) {
        Design d = new Design(clean(name), clean(subcategory), category, c);
        String kind = kind(category, name);
        String body = switch (kind) {
            case "book" -> view == 1 ? d.flat(0, 0, W, H, true) : view == 2 ? book3d(d) : backCover(d);
            case "shirt", "hoodie" -> view == 1 ? garment(d, kind, true) : view == 2 ? garment(d, kind, false) : detail(d);
            case "cap" -> view == 1 ? cap(d) : view == 2 ? onTable(d) : detail(d);
            case "mug" -> view == 1 ? mug(d, true) : view == 2 ? mug(d, false) : detail(d);
            case "sticker" -> view == 1 ? sticker(d) : view == 2 ? laptop(d) : detail(d);
            case "poster" -> view == 1 ? d.flat(0, 0, W, H, true) : view == 2 ? framed(d) : detail(d);
            default -> view == 1 ? tablet(d) : view == 2 ? d.flat(0, 0, W, H, true) : detail(d);
        };
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + W + " " + H + "\" width=\"" + W + "\" height=\"" + H
                + "\" role=\"img\" aria-label=\"" + esc(d.title) + "\">\n<title>" + esc(d.title) + "</title>\n" + body + "</svg>\n";
    }

    /** What the product is drawn as: by category, and for merchandise and apparel by the word in its name. */
    static String kind(String category, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (category) {
            case "Books", "Resources" -> "book";
            case "Apparel" -> n.contains("hoodie") ? "hoodie" : n.matches(".*\\b(cap|hat|beanie|snapback)\\b.*") ? "cap" : "shirt";
            case "Merchandise" -> n.contains("mug") ? "mug" : n.contains("sticker") || n.contains("decal") ? "sticker" : "poster";
            case "Ministry Tools" -> "poster";
            default -> "tablet";
        };
    }

    /** XML text and attribute escaping. */
    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** Control characters are not allowed in XML at all; a very long name is cut (it has to fit on a cover). */
    private static String clean(String text) {
        String s = text == null ? "" : text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]|[\\uFFFE\\uFFFF]", "").replaceAll("\\s+", " ").trim();
        return s.length() > 90 ? s.substring(0, 89) + "…" : s;
    }

    /** Colours and pattern from the id's hash: a dark ground, a light ink and an accent opposite the ground's hue. */
    record Palette(int hue, int accentHue, int pattern, int motif, int sat, int light, boolean dyed) {
        /** Garment colours a variant may come in (hue, saturation, lightness); others keep the id's colours. */
        private static final Map<String, int[]> DYES = Map.of("navy", new int[] {222, 55, 22}, "white", new int[] {40, 20, 94},
                "heather-grey", new int[] {210, 8, 60}, "black", new int[] {220, 8, 11}, "maroon", new int[] {345, 55, 24},
                "khaki", new int[] {42, 32, 58}, "red", new int[] {2, 65, 40}, "green", new int[] {140, 40, 26});

        static Palette of(String id) {
            byte[] h = sha256(id);
            int hue = ((h[0] & 0xff) << 8 | (h[1] & 0xff)) % 360;
            return new Palette(hue, (hue + 140 + (h[2] & 0xff) % 80) % 360, (h[3] & 0xff) % 4, (h[4] & 0xff) % ArtMotifs.COUNT, 38 + (h[5] & 0xff) % 30, 26, false);
        }

        /** This palette with the ground in a named colour (a dark ink on a light one); the pattern and motif stay. */
        Palette dyed(String colour) {
            int[] dye = DYES.get(slug(colour));
            return dye == null ? this : new Palette(dye[0], accentHue, pattern, motif, dye[1], dye[2], true);
        }

        String ground() {
            return "hsl(" + hue + "," + sat + "%," + light + "%)";
        }

        /** What a shirt or hoodie is made of: the dye, or a muted accent; its back a shade lighter. */
        String cloth(boolean front) {
            return dyed ? "hsl(" + hue + "," + sat + "%," + (front ? light : Math.min(light + 4, 97)) + "%)"
                    : "hsl(" + accentHue + ",30%," + (front ? 30 : 34) + "%)";
        }

        String groundLight() {
            return "hsl(" + hue + "," + sat + "%," + (light > 55 ? light - 10 : light + 10) + "%)";
        }

        String ink() {
            return light > 55 ? "hsl(" + hue + ",30%,14%)" : "hsl(" + hue + ",40%,94%)";
        }

        String accent() {
            return "hsl(" + accentHue + ",70%,64%)";
        }
    }

    /** The printed design (cover, print, label): ground, pattern, motif, the title in lines and the subtitle line. */
    record Design(String title, String subtitle, String category, Palette c) {

        /** The design in a box of its own (a nested svg clips the pattern to the box). */
        String flat(int x, int y, int w, int h, boolean subtitleLine) {
            return "<svg x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"" + h + "\">\n" + drawn(0, 0, w, h, subtitleLine) + "</svg>\n";
        }

        private String drawn(int x, int y, int w, int h, boolean subtitleLine) {
            StringBuilder s = new StringBuilder();
            s.append(rect(x, y, w, h, c.ground()));
            s.append(pattern(x, y, w, h));
            double u = Math.min(w, h) / 480.0;
            s.append(motif(x + w / 2.0, y + h * 0.27, 70 * u));
            s.append(titleLines(x + w / 2.0, y + h * 0.56, w * 0.84, 46 * u));
            if (subtitleLine) {
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                        x + w * 0.35, y + h * 0.84, w * 0.3, 3 * u, c.accent()));
                s.append(text(x + w / 2.0, y + h * 0.92, 20 * u, c.ink(), "Camel Shop Press · " + subtitle, "letter-spacing=\"1\""));
            }
            return s.toString();
        }

        private String pattern(int x, int y, int w, int h) {
            String a = c.groundLight();
            StringBuilder s = new StringBuilder("<g opacity=\".55\">");
            switch (c.pattern()) {
                case 0 -> { // diagonal bands
                    for (int i = -h; i < w; i += 56) {
                        s.append(String.format(Locale.ROOT, "<path d=\"M%d %d l%d %d h22 l%d %d z\" fill=\"%s\"/>", x + i, y + h, h, -h, -h, h, a));
                    }
                }
                case 1 -> { // dots
                    for (int yy = 24; yy < h; yy += 48) {
                        for (int xx = 24; xx < w; xx += 48) {
                            s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"6\" fill=\"%s\"/>", x + xx, y + yy, a));
                        }
                    }
                }
                case 2 -> { // rings around the motif
                    for (int r = 60; r < Math.max(w, h); r += 46) {
                        s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"none\" stroke=\"%s\" stroke-width=\"10\"/>",
                                x + w / 2, y + (int) (h * 0.27), r, a));
                    }
                }
                default -> { // frame and corner blocks
                    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"%s\" stroke-width=\"8\"/>",
                            x + 18, y + 18, w - 36, h - 36, c.accent()));
                    s.append(rect(x, y, w, (int) (h * 0.08), a)).append(rect(x, y + h - (int) (h * 0.04), w, (int) (h * 0.04), a));
                }
            }
            return s.append("</g>\n").toString();
        }

        /** A category's emblem, one of five shapes chosen by the id: cross, star, sun, open book, laurel (ArtMotifs). */
        String motif(double cx, double cy, double r) {
            return "<path d=\"" + ArtMotifs.svgPath(ArtMotifs.shape(c.motif(), cx, cy, r)) + "\" fill=\"" + c.accent() + "\"/>\n";
        }

        /** The title, wrapped to lines that fit the width, largest type that lets it fit in four lines. */
        String titleLines(double cx, double top, double width, double size) {
            List<String> lines = wrap(title, Math.max(8, (int) (width / (size * 0.56))));
            while (lines.size() > 4 && size > 18) {
                size *= 0.85;
                lines = wrap(title, Math.max(8, (int) (width / (size * 0.56))));
            }
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < lines.size() && i < 5; i++) {
                s.append(text(cx, top + i * size * 1.12, size, c.ink(), lines.get(i), "font-weight=\"700\""));
            }
            return s.toString();
        }

        String text(double x, double y, double size, String fill, String value, String extra) {
            return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-family=\"Georgia, 'Times New Roman', serif\" font-size=\"%.1f\" "
                    + "text-anchor=\"middle\" fill=\"%s\" %s>%s</text>%n", x, y, size, fill, extra, esc(value));
        }
    }

    private static List<String> wrap(String text, int max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > max) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String rect(double x, double y, double w, double h, String fill) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n", x, y, w, h, fill);
    }

    private static String backdrop(Palette c) {
        return rect(0, 0, W, H, "hsl(" + c.hue() + ",18%,93%)") + rect(0, H * .78, W, H * .22, "hsl(" + c.hue() + ",14%,86%)");
    }

    private static String book3d(Design d) {
        Palette c = d.c();
        return backdrop(c)
                + "<ellipse cx=\"330\" cy=\"430\" rx=\"190\" ry=\"18\" fill=\"#000\" opacity=\".18\"/>\n"
                + "<g transform=\"translate(190 40) skewY(-6)\">" + rect(-34, 14, 34, 390, "hsl(" + c.hue() + "," + c.sat() + "%,18%)")
                + d.flat(0, 10, 290, 392, false) + "</g>\n"
                + rect(480, 38, 10, 372, "#f4f1ea") + "\n";
    }

    private static String backCover(Design d) {
        Palette c = d.c();
        StringBuilder s = new StringBuilder(rect(0, 0, W, H, c.ground()));
        s.append(d.text(W / 2.0, 70, 30, c.ink(), d.title(), "font-weight=\"700\""));
        for (int i = 0; i < 7; i++) {
            s.append(rect(110, 110 + i * 26, i == 6 ? 260 : 420, 9, c.groundLight()));
        }
        s.append(d.motif(W / 2.0, 330, 40));
        s.append(rect(450, 370, 130, 70, "#fff"));
        for (int i = 0; i < 28; i++) {
            s.append(rect(458 + i * 4.2, 378, (i * 7 + d.title().length()) % 3 + 1, 46, "#111"));
        }
        return s.append(d.text(160, 420, 18, c.ink(), d.subtitle(), "")).toString();
    }

    private static String garment(Design d, String kind, boolean front) {
        Palette c = d.c();
        String cloth = c.cloth(front);
        StringBuilder s = new StringBuilder(backdrop(c));
        s.append("<path d=\"M230 70 L160 95 L80 170 L130 230 L180 195 L180 420 L460 420 L460 195 L510 230 L560 170 L480 95 L410 70 Q320 120 230 70 z\" fill=\"")
                .append(cloth).append("\"/>\n");
        if ("hoodie".equals(kind)) {
            s.append("<path d=\"M240 72 Q320 -10 400 72 Q320 150 240 72 z\" fill=\"").append(cloth).append("\" stroke=\"#000\" stroke-opacity=\".2\" stroke-width=\"4\"/>\n")
                    .append("<rect x=\"250\" y=\"330\" width=\"140\" height=\"60\" rx=\"12\" fill=\"#000\" opacity=\".15\"/>\n");
        } else {
            s.append("<path d=\"M270 78 Q320 120 370 78\" fill=\"none\" stroke=\"#000\" stroke-opacity=\".25\" stroke-width=\"6\"/>\n");
        }
        if (front) {
            s.append("<g>").append(d.motif(320, 175, 42)).append(d.titleLines(320, 250, 220, 26)).append("</g>");
        } else {
            s.append(d.text(320, 150, 16, c.ink(), "CAMEL SHOP", "letter-spacing=\"3\"")).append(d.motif(320, 200, 22));
        }
        return s.toString();
    }

    private static String cap(Design d) {
        Palette c = d.c();
        String cloth = c.cloth(true);
        return backdrop(c) + "<path d=\"M140 300 Q150 110 320 100 Q490 110 500 300 z\" fill=\"" + cloth + "\"/>\n"
                + "<path d=\"M120 300 Q320 270 560 330 Q470 370 320 340 Q200 320 120 300 z\" fill=\"" + cloth + "\"/>\n"
                + "<path d=\"M120 300 Q320 270 560 330 Q470 370 320 340 Q200 320 120 300 z\" fill=\"#000\" opacity=\".25\"/>\n"
                + "<circle cx=\"320\" cy=\"104\" r=\"10\" fill=\"" + cloth + "\"/>\n" + d.motif(320, 170, 30) + d.titleLines(320, 230, 240, 22);
    }

    private static String onTable(Design d) {
        return backdrop(d.c()) + "<g transform=\"translate(120 60) scale(.62)\">" + d.flat(0, 0, W, H, true) + "</g>\n"
                + "<rect x=\"120\" y=\"60\" width=\"397\" height=\"298\" fill=\"none\" stroke=\"#fff\" stroke-width=\"10\"/>\n";
    }

    private static String mug(Design d, boolean front) {
        Palette c = d.c();
        StringBuilder s = new StringBuilder(backdrop(c));
        s.append("<ellipse cx=\"300\" cy=\"420\" rx=\"170\" ry=\"20\" fill=\"#000\" opacity=\".15\"/>\n");
        int handle = front ? 470 : 130;
        s.append(String.format(Locale.ROOT, "<path d=\"M%d 170 q%d 0 %d 90 q0 90 %d 90\" fill=\"none\" stroke=\"#f7f5f0\" stroke-width=\"34\"/>%n",
                handle, front ? 90 : -90, front ? 0 : 0, front ? -90 : 90));
        s.append("<path d=\"M150 110 h320 v270 q0 40 -40 40 h-240 q-40 0 -40 -40 z\" fill=\"#f7f5f0\"/>\n");
        s.append("<ellipse cx=\"310\" cy=\"110\" rx=\"160\" ry=\"22\" fill=\"#e8e4da\"/><ellipse cx=\"310\" cy=\"112\" rx=\"146\" ry=\"16\" fill=\"hsl(25,45%,22%)\"/>\n");
        if (front) {
            s.append(d.flat(190, 160, 240, 210, false));
        } else {
            s.append(d.motif(310, 230, 60)).append(d.text(310, 340, 22, c.ground(), "Camel Shop", "font-weight=\"700\""));
        }
        return s.toString();
    }

    private static String sticker(Design d) {
        Palette c = d.c();
        return backdrop(c) + "<rect x=\"110\" y=\"50\" width=\"420\" height=\"380\" rx=\"60\" fill=\"#fff\"/>\n"
                + "<clipPath id=\"s\"><rect x=\"130\" y=\"70\" width=\"380\" height=\"340\" rx=\"46\"/></clipPath>\n"
                + "<g clip-path=\"url(#s)\">" + d.flat(130, 70, 380, 340, false) + "</g>\n";
    }

    private static String laptop(Design d) {
        Palette c = d.c();
        return backdrop(c) + "<rect x=\"90\" y=\"60\" width=\"460\" height=\"300\" rx=\"16\" fill=\"#3a3d44\"/>\n"
                + "<path d=\"M40 360 h560 l-30 40 h-500 z\" fill=\"#4d5058\"/>\n"
                + "<circle cx=\"320\" cy=\"210\" r=\"22\" fill=\"#5a5e68\"/>\n"
                + "<g transform=\"translate(360 90) rotate(8) scale(.34)\"><rect x=\"-20\" y=\"-20\" width=\"680\" height=\"520\" rx=\"70\" fill=\"#fff\"/>"
                + d.flat(0, 0, W, H, false) + "</g>\n";
    }

    private static String framed(Design d) {
        Palette c = d.c();
        return rect(0, 0, W, H, "hsl(" + c.hue() + ",10%,90%)") + rect(0, 400, W, 80, "hsl(30,25%,55%)")
                + "<rect x=\"150\" y=\"30\" width=\"340\" height=\"340\" fill=\"#2b2118\"/><rect x=\"170\" y=\"50\" width=\"300\" height=\"300\" fill=\"#fbfaf6\"/>\n"
                + d.flat(190, 70, 260, 260, false);
    }

    private static String tablet(Design d) {
        Palette c = d.c();
        return backdrop(c) + "<rect x=\"170\" y=\"20\" width=\"300\" height=\"430\" rx=\"26\" fill=\"#1f2126\"/>\n"
                + d.flat(186, 50, 268, 370, false) + "<circle cx=\"320\" cy=\"436\" r=\"7\" fill=\"#555\"/>\n"
                + "<path d=\"M520 300 v80 m-30 -30 l30 30 l30 -30\" fill=\"none\" stroke=\"" + c.ground() + "\" stroke-width=\"12\" stroke-linecap=\"round\"/>\n";
    }

    /** A close-up of the print around its emblem, as if photographed near: for the gallery's last view. */
    private static String detail(Design d) {
        return "<g transform=\"translate(-384 0) scale(2.2)\">" + d.flat(0, 0, W, H, true) + "</g>\n"
                + "<rect width=\"" + W + "\" height=\"" + H + "\" fill=\"none\" stroke=\"#fff\" stroke-opacity=\".6\" stroke-width=\"16\"/>\n";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
