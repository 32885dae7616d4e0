package org.camelshop.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.camelshop.catalog.Categories.Category;
import org.camelshop.catalog.ProductRepository.CategoryCount;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.ResponseCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin's category management: list with product counts, create, rename (its products move along, each through
 * the same code as a product edit) and delete, which is refused while products are still in the category. Every
 * change drops the cached lists on all instances.
 */
public final class CategoryAdmin {

    /** {@code name} and, when creating, the subcategories in order. */
    public record CategoryInput(String name, List<String> subcategories) {
    }

    /** A category as the admin page lists it: products that are not deleted, and how many of them are in the shop. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CategoryUse(String name, List<String> subcategories, long products, long active) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CategoryAdmin.class);
    private static final int MAX_NAME = 60;
    private static final int MAX_SUBCATEGORIES = 20;
    private static final int MOVE_ATTEMPTS = 3;

    private final CategoryRepository repository;
    private final Categories categories;
    private final ProductRepository products;
    private final ProductAdmin productAdmin;
    private final ResponseCache cache;

    public CategoryAdmin(CategoryRepository repository, Categories categories, ProductRepository products, ProductAdmin productAdmin,
            ResponseCache cache) {
        this.repository = repository;
        this.categories = categories;
        this.products = products;
        this.productAdmin = productAdmin;
        this.cache = cache;
    }

    public Map<String, List<CategoryUse>> list() {
        Map<String, CategoryCount> counts = products.countsPerCategory();
        categories.forget();
        List<CategoryUse> all = categories.all().stream().map(c -> {
            CategoryCount count = counts.getOrDefault(c.name(), new CategoryCount(0, 0));
            return new CategoryUse(c.name(), c.subcategories(), count.products(), count.active());
        }).toList();
        return Map.of("items", all);
    }

    public Category create(CategoryInput input) {
        String name = validName(input.name());
        List<String> subcategories = validSubcategories(input.subcategories());
        categories.forget();
        if (categories.find(name).isPresent()) {
            throw ApiException.conflict("category_exists", "There is already a category named " + categories.canonical(name).orElse(name));
        }
        int position = categories.all().stream().mapToInt(Category::position).max().orElse(-1) + 1;
        Category created = new Category(name, position, subcategories);
        if (!repository.insert(created)) {
            throw ApiException.conflict("category_exists", "There is already a category named " + name);
        }
        changed();
        LOG.info("Category {} created", name);
        return created;
    }

    /** Renames a category and moves its products along; answers the category under its new name and how many moved. */
    public Map<String, Object> rename(String currentName, CategoryInput input) {
        String name = validName(input.name());
        categories.forget();
        Category current = existing(currentName);
        if (name.equals(current.name())) {
            return Map.of("category", current, "products_moved", 0);
        }
        if (categories.find(name).filter(c -> c != current).isPresent()) {
            throw ApiException.conflict("category_exists", "There is already a category named " + categories.canonical(name).orElse(name));
        }
        Category renamed = new Category(name, current.position(), current.subcategories());
        if (!repository.insert(renamed)) {
            throw ApiException.conflict("category_exists", "There is already a category named " + name);
        }
        categories.forget();
        int moved = 0;
        for (String productId : products.idsInCategory(current.name())) {
            move(productId, name);
            moved++;
        }
        repository.delete(current.name());
        changed();
        LOG.info("Category {} renamed to {}; {} product(s) moved", current.name(), name, moved);
        return Map.of("category", renamed, "products_moved", moved);
    }

    /** Deletes an empty category; while products are in it the answer is 409 saying how many. */
    public void delete(String name) {
        categories.forget();
        Category category = existing(name);
        if (categories.all().size() == 1) {
            throw ApiException.conflict("last_category", "A shop needs at least one category: add another before deleting " + category.name());
        }
        long inUse = products.idsInCategory(category.name()).size();
        if (inUse > 0) {
            throw ApiException.conflict("category_in_use", inUse + " product" + (inUse == 1 ? " is" : "s are") + " still in " + category.name()
                    + ": move " + (inUse == 1 ? "it" : "them") + " to another category (Products tab, bulk Move) or delete "
                    + (inUse == 1 ? "it" : "them") + " first");
        }
        repository.delete(category.name());
        changed();
        LOG.info("Category {} deleted", category.name());
    }

    /** The category named by the {@code name} query parameter: 400 without one, 404 for an unknown one. */
    private Category existing(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalidField("name", "is required: the category's current name as a query parameter");
        }
        return categories.find(name).orElseThrow(() -> ApiException.notFound("Category " + name));
    }

    /** A product edit can meet a concurrent one (stock reserved meanwhile): read it again and retry a few times. */
    private void move(String productId, String category) {
        for (int attempt = 1; ; attempt++) {
            try {
                productAdmin.change(productId, ProductInput.moveTo(category, null));
                return;
            } catch (ApiException e) {
                if (attempt >= MOVE_ATTEMPTS || e.status() != 409) {
                    throw e;
                }
            }
        }
    }

    private void changed() {
        categories.forget();
        cache.invalidateLists();
    }

    private static String validName(String name) {
        String trimmed = name == null ? "" : name.trim().replaceAll("\\s+", " ");
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalidField("name", "must be 1 to " + MAX_NAME + " characters");
        }
        return trimmed;
    }

    private static List<String> validSubcategories(List<String> subcategories) {
        if (subcategories == null) {
            return List.of();
        }
        if (subcategories.size() > MAX_SUBCATEGORIES) {
            throw ApiException.invalidField("subcategories", "must be at most " + MAX_SUBCATEGORIES);
        }
        List<String> valid = new ArrayList<>();
        for (String subcategory : subcategories) {
            String name;
            try {
                name = validName(subcategory);
            } catch (ApiException e) {
                throw ApiException.invalidField("subcategories", "each must be 1 to " + MAX_NAME + " characters");
            }
            if (valid.stream().noneMatch(name::equalsIgnoreCase)) {
                valid.add(name);
            }
        }
        return valid;
    }
}
