package org.camelshop.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic sample catalog for local runs and tests: the same 1,020 products on every machine
 * (60 per subcategory), with realistic names, prices in cents, stock levels (some sold out) and digital downloads.
 * Apparel comes in sizes and colours (T-shirts and hoodies) or colours (hats), each a variant with its own SKU and
 * stock, the larger sizes a little dearer.
 */
public final class SampleCatalog {

    public static final int PER_SUBCATEGORY = 60;
    /** Where the sample products' files live in the goods bucket. */
    public static final String SAMPLE_FILES_PREFIX = "samples/";
    /** Where the sample products' uploaded-style pictures are served (the shop's default images base URL). */
    public static final String SAMPLE_IMAGES_PATH = "/images/uploads/";
    private static final Instant FIRST_LISTED = Instant.parse("2026-01-05T09:00:00Z");

    private record Line(String subcategory, String skuCode, long minCents, long maxCents, boolean digital,
                        List<String> first, List<String> second, List<String> tags) {
    }

    private static final Map<String, List<Line>> LINES = Map.of(
            "Books", List.of(
                    new Line("Christian Living", "BK-CL", 1299, 2999, false,
                            List.of("Grace", "Faith", "Hope", "Rest", "Courage", "Joy", "Peace", "Purpose", "Wisdom", "Steadfast Love"),
                            List.of("for Every Season", "in the Ordinary", "That Endures", "for Weary Hearts", "at Home", "in Hard Times"),
                            List.of("devotional", "hardcover", "family")),
                    new Line("Political Commentary", "BK-PC", 1499, 3499, false,
                            List.of("Liberty", "Conscience", "The Republic", "Citizenship", "Religious Freedom", "The Constitution", "Civic Virtue", "The Public Square"),
                            List.of("and the Common Good", "Under Pressure", "Reconsidered", "in a Secular Age", "for a New Generation", "and Its Critics"),
                            List.of("politics", "history", "paperback")),
                    new Line("Bible Studies", "BK-BS", 999, 2499, false,
                            List.of("Romans", "Psalms", "Genesis", "The Gospel of John", "Ephesians", "Proverbs", "Acts", "James", "Isaiah", "Hebrews"),
                            List.of("Verse by Verse", "in Twelve Weeks", "for Small Groups", "Study Guide", "Commentary", "Workbook"),
                            List.of("bible study", "small group", "workbook"))),
            "Apparel", List.of(
                    new Line("T-Shirts", "AP-TS", 1999, 2999, false,
                            List.of("Faith Over Fear", "Salt and Light", "Blessed", "Grace Wins", "Stand Firm", "Pray Without Ceasing", "One Nation Under God", "Be Still"),
                            List.of("Tee", "Crew Neck Tee", "V-Neck Tee", "Heather Tee", "Youth Tee"),
                            List.of("cotton", "t-shirt", "unisex")),
                    new Line("Hats", "AP-HT", 1799, 3299, false,
                            List.of("Faith Over Fear", "Salt and Light", "Blessed", "Liberty", "Stand Firm", "Be Still", "Armor of God"),
                            List.of("Trucker Cap", "Dad Hat", "Beanie", "Snapback", "Bucket Hat"),
                            List.of("hat", "embroidered")),
                    new Line("Hoodies", "AP-HD", 3999, 5999, false,
                            List.of("Faith Over Fear", "Salt and Light", "Grace Wins", "Stand Firm", "Pray Without Ceasing", "Be Still", "Redeemed"),
                            List.of("Pullover Hoodie", "Zip Hoodie", "Fleece Hoodie", "Youth Hoodie"),
                            List.of("hoodie", "fleece", "unisex"))),
            "Resources", List.of(
                    new Line("Voter Guides", "RS-VG", 499, 1499, false,
                            List.of("2026 Midterm", "State Ballot", "Local Election", "School Board", "Judicial Retention", "Primary Season"),
                            List.of("Voter Guide", "Issues Guide", "Candidate Comparison", "Pocket Guide", "Church Bulletin Insert Pack"),
                            List.of("voting", "election", "guide")),
                    new Line("Study Guides", "RS-SG", 799, 1999, false,
                            List.of("Worldview", "Apologetics", "Church History", "Biblical Citizenship", "Marriage and Family", "Stewardship"),
                            List.of("Study Guide", "Leader's Guide", "Participant Guide", "Discussion Guide", "Quick Reference"),
                            List.of("study", "guide", "group")),
                    new Line("Curriculum", "RS-CU", 2999, 8999, false,
                            List.of("Foundations of Faith", "Young Citizens", "Heroes of the Faith", "Teen Apologetics", "Homeschool Civics", "Sunday School"),
                            List.of("Curriculum Kit", "Semester Pack", "Teacher Edition", "Student Edition", "Year One Bundle"),
                            List.of("curriculum", "homeschool", "teaching"))),
            "Digital Downloads", List.of(
                    new Line("E-Books", "DD-EB", 499, 1499, true,
                            List.of("Grace", "Liberty", "Prayer", "Courage", "Stewardship", "Forgiveness", "Calling", "Worship"),
                            List.of("E-Book", "Kindle and EPUB Edition", "Devotional E-Book", "Short Reads Collection"),
                            List.of("ebook", "digital", "epub")),
                    new Line("PDFs", "DD-PD", 199, 999, true,
                            List.of("Prayer Journal", "Scripture Memory", "Family Devotion", "Advent Reading", "Lent Reading", "Voter Checklist"),
                            List.of("Printable PDF", "Planner PDF", "Worksheet Pack", "Coloring Pages"),
                            List.of("pdf", "printable", "digital")),
                    new Line("Video Courses", "DD-VC", 2999, 9999, true,
                            List.of("Defending the Faith", "Constitution 101", "Leading Small Groups", "Biblical Parenting", "Church Media Basics", "Preaching Workshop"),
                            List.of("Video Course", "Masterclass", "Eight-Session Course", "On-Demand Seminar"),
                            List.of("video", "course", "digital"))),
            "Merchandise", List.of(
                    new Line("Mugs", "MR-MG", 1299, 2299, false,
                            List.of("Blessed", "Pray First", "Coffee and Jesus", "Be Still", "Grace Wins", "Liberty"),
                            List.of("Ceramic Mug", "Travel Mug", "Enamel Camp Mug", "Latte Mug"),
                            List.of("mug", "kitchen", "gift")),
                    new Line("Stickers", "MR-ST", 299, 899, false,
                            List.of("Faith Over Fear", "Salt and Light", "Vote Your Values", "Blessed", "Cross", "Dove"),
                            List.of("Vinyl Sticker", "Sticker Pack", "Bumper Sticker", "Laptop Decal"),
                            List.of("sticker", "vinyl")),
                    new Line("Posters", "MR-PS", 999, 2999, false,
                            List.of("Psalm 23", "The Beatitudes", "Armor of God", "Fruit of the Spirit", "Declaration of Independence", "The Lord's Prayer"),
                            List.of("Art Print", "Poster", "Canvas Print", "Framed Print"),
                            List.of("poster", "wall art", "print"))),
            "Ministry Tools", List.of(
                    new Line("Sermon Outlines", "MT-SO", 999, 3999, true,
                            List.of("Advent", "Easter", "Romans", "Parables", "Beatitudes", "Psalms", "Acts", "Family"),
                            List.of("Sermon Series Outlines", "Preaching Pack", "Outline Bundle", "Expository Notes"),
                            List.of("sermon", "pastor", "digital")),
                    new Line("Graphics Packages", "MT-GP", 1999, 4999, true,
                            List.of("Easter", "Christmas", "Revival", "Youth Night", "Missions Sunday", "Vacation Bible School"),
                            List.of("Graphics Package", "Slide Deck", "Social Media Kit", "Bulletin Template Set"),
                            List.of("graphics", "church media", "digital"))));

    /** The sizes and colours of each apparel line; a size in {@code dearer} costs {@code extraCents} more. */
    private record Choices(List<String> sizes, List<String> colours, List<String> dearer, long extraCents) {
    }

    private static final Map<String, Choices> APPAREL = Map.of(
            "AP-TS", new Choices(List.of("S", "M", "L", "XL"), List.of("Navy", "White", "Heather Grey"), List.of("XL"), 200),
            "AP-HD", new Choices(List.of("S", "M", "L", "XL", "XXL"), List.of("Black", "Navy", "Maroon"), List.of("XXL"), 300),
            "AP-HT", new Choices(List.of(), List.of("Black", "Khaki", "Navy"), List.of(), 0));

    private SampleCatalog() {
    }

    public static List<Product> products() {
        Random random = new Random(20261125L);
        List<Product> products = new ArrayList<>();
        int number = 0;
        for (var category : Categories.DEFAULTS.entrySet()) {
            for (Line line : LINES.get(category.getKey())) {
                for (int i = 0; i < PER_SUBCATEGORY; i++) {
                    number++;
                    products.add(product(number, i, category.getKey(), line, random));
                }
            }
        }
        return List.copyOf(products);
    }

    private static Product product(int number, int index, String category, Line line, Random random) {
        String first = line.first().get(index % line.first().size());
        String second = line.second().get((index / line.first().size() + index) % line.second().size());
        String edition = index < line.first().size() * line.second().size() ? "" : " (Vol. " + (index / 20 + 1) + ")";
        String name = first + " " + second + edition;
        String id = String.format(Locale.ROOT, "prod-%04d", number);
        long price = roundToRetail(line.minCents() + (long) (random.nextDouble() * (line.maxCents() - line.minCents())));
        int stock = line.digital() ? 10_000 : (random.nextInt(20) == 0 ? 0 : 5 + random.nextInt(245));
        String created = FIRST_LISTED.plus(number * 7L, ChronoUnit.HOURS).toString();
        String sku = String.format(Locale.ROOT, "%s-%04d", line.skuCode(), index + 1);
        Choices choices = APPAREL.get(line.skuCode());
        List<Variant.Option> options = choices == null ? null : options(choices);
        List<Variant> variants = choices == null ? null : variants(id, number, sku, stock, price, choices);
        String slug = category.toLowerCase(Locale.ROOT).replace(' ', '-');
        String image = "/images/products/" + slug + ".svg";
        return new Product(
                id,
                name,
                description(name, category, line),
                price,
                category,
                line.subcategory(),
                image,
                number % 10 == 0 ? List.of(image, sampleImageUrl(id)) : List.of(image),
                sku,
                stock,
                line.digital(),
                line.digital() ? sampleFileKey(id, name, line) : null,
                line.digital() ? null : 100 + random.nextInt(900),
                line.digital() ? null : Map.of("length", 10 + random.nextInt(30), "width", 8 + random.nextInt(20), "height", 1 + random.nextInt(10)),
                random.nextInt(25) == 0,
                Product.ACTIVE,
                line.tags(),
                created,
                created,
                random.nextInt(500),
                noReviewsYet(random),
                0,
                1,
                options,
                variants);
    }

    private static List<Variant.Option> options(Choices choices) {
        List<Variant.Option> options = new ArrayList<>();
        if (!choices.sizes().isEmpty()) {
            options.add(new Variant.Option("Size", choices.sizes()));
        }
        options.add(new Variant.Option("Colour", choices.colours()));
        return List.copyOf(options);
    }

    /**
     * Every size and colour, the product's stock shared out among them (so its total stays what it was) by a draw of
     * the product's own, which leaves the catalog's other values as they were.
     */
    private static List<Variant> variants(String productId, int number, String sku, int stock, long price, Choices choices) {
        Random shares = new Random(number);
        List<String> sizes = choices.sizes().isEmpty() ? Collections.singletonList(null) : choices.sizes();
        List<Variant> variants = new ArrayList<>();
        int count = sizes.size() * choices.colours().size();
        int left = stock;
        for (String size : sizes) {
            for (String colour : choices.colours()) {
                int share = variants.size() == count - 1 ? left : Math.min(left, shares.nextInt(2 * stock / count + 1));
                left -= share;
                Map<String, String> chosen = new LinkedHashMap<>();
                if (size != null) {
                    chosen.put("Size", size);
                }
                chosen.put("Colour", colour);
                String id = String.join("-", chosen.values()).toLowerCase(Locale.ROOT).replace(' ', '-');
                Long dearer = size != null && choices.dearer().contains(size) ? price + choices.extraCents() : null;
                variants.add(new Variant(id, sku + "-" + id.toUpperCase(Locale.ROOT), chosen, dearer, share,
                        ProductArt.colourImage(productId, colour)));
            }
        }
        return List.copyOf(variants);
    }

    /**
     * A sample product has no reviews, so no rating either: a card must not promise reviews the product page cannot
     * show. The two draws that once made them up are still taken, so every other sample value stays as it was.
     */
    private static double noReviewsYet(Random random) {
        random.nextDouble();
        random.nextInt(120);
        return 0.0;
    }

    /** Every tenth product has a second picture, a PNG in the images bucket made at start-up (see SampleFiles). */
    public static String sampleImageUrl(String productId) {
        return SAMPLE_IMAGES_PATH + java.util.UUID.nameUUIDFromBytes(("sample-image-" + productId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + ".png";
    }

    /** Courses and graphics come as a ZIP, everything else digital as a PDF (generated at start-up, see SampleFiles). */
    private static String sampleFileKey(String id, String name, Line line) {
        String extension = line.skuCode().equals("DD-VC") || line.skuCode().equals("MT-GP") ? "zip" : "pdf";
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return SAMPLE_FILES_PREFIX + id + "/" + slug + "." + extension;
    }

    private static long roundToRetail(long cents) {
        return Math.max(99, cents / 100 * 100 + (cents % 100 < 50 ? 49 : 99));
    }

    private static String description(String name, String category, Line line) {
        String format = line.digital() ? "Instant download after purchase." : "Ships within two business days.";
        return name + " from our " + line.subcategory() + " collection in " + category + ". " + format;
    }
}
