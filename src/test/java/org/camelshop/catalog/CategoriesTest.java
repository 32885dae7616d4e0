package org.camelshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.camelshop.catalog.Categories.Category;
import org.junit.jupiter.api.Test;

class CategoriesTest {

    private final AtomicInteger reads = new AtomicInteger();

    private Categories reading(Supplier<List<Category>> table) {
        return new Categories(() -> {
            reads.incrementAndGet();
            return table.get();
        }, Duration.ofHours(1), Clock.systemUTC());
    }

    @Test
    void matchesNamesAndSubcategoriesWhateverTheCase() {
        Categories categories = Categories.ofDefaults();
        assertEquals("Digital Downloads", categories.canonical(" digital downloads ").orElseThrow());
        assertTrue(categories.isSubcategoryOf("books", "bible studies"));
        assertFalse(categories.isSubcategoryOf("Books", "Hats"));
        assertFalse(categories.isSubcategoryOf("Food", "Hats"));
        assertEquals(List.of("Books", "Apparel", "Resources", "Digital Downloads", "Merchandise", "Ministry Tools"), categories.names());
    }

    @Test
    void readsTheTableOncePerPeriodAndAgainAfterAChangeHere() {
        Categories categories = reading(Categories::defaultList);
        categories.names();
        categories.find("Books");
        assertEquals(1, reads.get(), "kept between reads");
        categories.forget();
        categories.names();
        assertEquals(2, reads.get(), "read afresh after this instance changed the list");
    }

    @Test
    void theLastListReadStandsInWhileTheTableCannotBeRead() {
        AtomicInteger calls = new AtomicInteger();
        Categories categories = reading(() -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("DynamoDB unreachable");
            }
            return List.of(new Category("Books", 0, List.of()));
        });
        assertEquals(List.of("Books"), categories.names());
        categories.forget();
        assertEquals(List.of("Books"), categories.names(), "the outage does not take the categories away");

        Categories neverRead = reading(() -> {
            throw new IllegalStateException("DynamoDB unreachable");
        });
        assertThrows(IllegalStateException.class, neverRead::names);
    }
}
