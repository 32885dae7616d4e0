package org.camelshop.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The shop's categories and their subcategories, in display order. They live in the {@code Categories} table, where
 * admins add, rename and remove them (see {@link CategoryAdmin}); a new shop starts with the six {@link #DEFAULTS}.
 * Product validation and queries read them many times a second, so this keeps the list for a few seconds: another
 * instance sees an admin's change within that time, this one at once ({@link #forget()}).
 */
public final class Categories {

    /** One category: its name, its place in the list and its subcategories in order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Category(String name, int position, List<String> subcategories) {
    }

    public static final Map<String, List<String>> DEFAULTS = defaults();

    private final Supplier<List<Category>> source;
    private final Duration ttl;
    private final Clock clock;
    private volatile List<Category> known;
    private volatile Instant readAt = Instant.MIN;

    public Categories(Supplier<List<Category>> source, Duration ttl, Clock clock) {
        this.source = source;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The six categories a new shop starts with, fixed (tests, sample data). */
    public static Categories ofDefaults() {
        return new Categories(Categories::defaultList, Duration.ofDays(365), Clock.systemUTC());
    }

    public static List<Category> defaultList() {
        List<Category> all = new ArrayList<>();
        DEFAULTS.forEach((name, subs) -> all.add(new Category(name, all.size(), subs)));
        return all;
    }

    private static Map<String, List<String>> defaults() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("Books", List.of("Christian Living", "Political Commentary", "Bible Studies"));
        all.put("Apparel", List.of("T-Shirts", "Hats", "Hoodies"));
        all.put("Resources", List.of("Voter Guides", "Study Guides", "Curriculum"));
        all.put("Digital Downloads", List.of("E-Books", "PDFs", "Video Courses"));
        all.put("Merchandise", List.of("Mugs", "Stickers", "Posters"));
        all.put("Ministry Tools", List.of("Sermon Outlines", "Graphics Packages"));
        return Collections.unmodifiableMap(all);
    }

    /**
     * Every category in display order. While the table cannot be read the last list read stands in (cached catalog
     * answers keep working through a DynamoDB outage); only an instance that never read it fails.
     */
    public List<Category> all() {
        Instant now = clock.instant();
        List<Category> current = known;
        if (current == null || now.isAfter(readAt.plus(ttl))) {
            try {
                current = source.get();
                known = current;
            } catch (RuntimeException e) {
                if (current == null) {
                    throw e;
                }
            }
            readAt = now;
        }
        return current;
    }

    /** Reads the list afresh next time (after this instance changed it). */
    public void forget() {
        readAt = Instant.MIN;
    }

    public List<String> names() {
        return all().stream().map(Category::name).toList();
    }

    /** The stored spelling of a category, matched case-insensitively. */
    public Optional<Category> find(String name) {
        return name == null ? Optional.empty() : all().stream().filter(c -> c.name().equalsIgnoreCase(name.trim())).findFirst();
    }

    public Optional<String> canonical(String name) {
        return find(name).map(Category::name);
    }

    public boolean isSubcategoryOf(String category, String subcategory) {
        return find(category).map(c -> c.subcategories().stream().anyMatch(s -> s.equalsIgnoreCase(subcategory))).orElse(false);
    }
}
