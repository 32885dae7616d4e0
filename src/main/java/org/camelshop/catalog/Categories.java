package org.camelshop.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The seed's six product categories and their subcategories, in display order. */
public final class Categories {

    public static final Map<String, List<String>> ALL = orderedCategories();

    private Categories() {
    }

    private static Map<String, List<String>> orderedCategories() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("Books", List.of("Christian Living", "Political Commentary", "Bible Studies"));
        all.put("Apparel", List.of("T-Shirts", "Hats", "Hoodies"));
        all.put("Resources", List.of("Voter Guides", "Study Guides", "Curriculum"));
        all.put("Digital Downloads", List.of("E-Books", "PDFs", "Video Courses"));
        all.put("Merchandise", List.of("Mugs", "Stickers", "Posters"));
        all.put("Ministry Tools", List.of("Sermon Outlines", "Graphics Packages"));
        return java.util.Collections.unmodifiableMap(all);
    }

    /** The canonical spelling of a category, matched case-insensitively. */
    public static Optional<String> canonical(String category) {
        return ALL.keySet().stream().filter(c -> c.equalsIgnoreCase(category)).findFirst();
    }

    public static boolean isSubcategoryOf(String category, String subcategory) {
        return ALL.getOrDefault(category, List.of()).stream().anyMatch(s -> s.equalsIgnoreCase(subcategory));
    }
}
