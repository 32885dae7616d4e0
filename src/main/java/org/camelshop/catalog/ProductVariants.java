package org.camelshop.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camelshop.platform.ApiException;
import org.camelshop.platform.ApiException.FieldProblem;

/** The rules a product's options and variants follow (admin input); each broken one is named in the 400. */
final class ProductVariants {

    static final int MAX_OPTIONS = 3;
    static final int MAX_VALUES = 30;
    static final int MAX_VARIANTS = 100;
    private static final Pattern VARIANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private ProductVariants() {
    }

    /**
     * A variant as sent, completed: without an id it gets one from its values in option order ("m-navy"); its SKU is
     * upper-cased; without stock it keeps the stock the product's variant of that id has now (a new one has none).
     */
    static Variant completed(Variant v, List<Variant.Option> options, Product current) {
        String sku = v.sku() == null ? null : v.sku().trim().toUpperCase(Locale.ROOT);
        String id = v.variantId();
        if (id == null && v.options() != null && options != null) {
            id = options.stream().map(o -> v.options().get(o.name())).filter(Objects::nonNull).collect(Collectors.joining("-"))
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        }
        String variantId = id;
        Integer stock = v.stock() != null ? v.stock() : current.findVariant(variantId).map(Variant::stock).orElse(0);
        return new Variant(id, sku, v.options(), v.price(), stock, v.image());
    }

    static void validate(Product p, boolean stockSentAlone) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Variant.Option> options = p.options() == null ? List.of() : p.options();
        List<Variant> variants = p.variants() == null ? List.of() : p.variants();
        if (stockSentAlone) {
            problems.add(new FieldProblem("stock_quantity", "is the sum of the variants' stock: set each variant's stock instead"));
        }
        if (options.isEmpty() != variants.isEmpty()) {
            problems.add(new FieldProblem(options.isEmpty() ? "options" : "variants", "options and variants go together: send both or neither"));
        }
        if (!options.isEmpty() && p.digitalDownload()) {
            problems.add(new FieldProblem("options", "a digital download has no options"));
        }
        if (options.size() > MAX_OPTIONS || options.stream().anyMatch(ProductVariants::badOption)
                || options.stream().map(Variant.Option::name).distinct().count() != options.size()) {
            problems.add(new FieldProblem("options", "must be at most " + MAX_OPTIONS + " options with distinct names of 1 to 30 characters, each with 1 to "
                    + MAX_VALUES + " distinct values of 1 to 30 characters"));
        }
        if (variants.size() > MAX_VARIANTS) {
            problems.add(new FieldProblem("variants", "must be at most " + MAX_VARIANTS));
        }
        Set<String> ids = new HashSet<>();
        Set<String> skus = new HashSet<>();
        Set<Map<String, String>> choices = new HashSet<>();
        for (int i = 0; i < variants.size() && problems.isEmpty(); i++) {
            variantProblems(variants.get(i), "variants[" + i + "]", options, p.sku(), ids, skus, choices, problems);
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalidInput(problems);
        }
    }

    private static void variantProblems(Variant v, String at, List<Variant.Option> options, String productSku, Set<String> ids, Set<String> skus,
            Set<Map<String, String>> choices, List<FieldProblem> problems) {
        boolean choosesEach = v.options() != null && v.options().size() == options.size()
                && options.stream().allMatch(o -> o.values().contains(v.options().get(o.name())));
        check(problems, choosesEach, at + ".options", "must give one value of each option: " + options.stream().map(Variant.Option::name).toList());
        check(problems, !choosesEach || choices.add(v.options()), at + ".options", "another variant has the same values");
        check(problems, v.variantId() != null && VARIANT_ID.matcher(v.variantId()).matches(), at + ".variant_id",
                "must be 1 to 40 lower-case letters, digits or '-'");
        check(problems, v.variantId() == null || ids.add(v.variantId()), at + ".variant_id", "another variant has the same id");
        check(problems, v.sku() != null && ProductInput.SKU.matcher(v.sku()).matches(), at + ".sku", "must be 1 to 64 letters, digits, '-' or '_'");
        check(problems, v.sku() == null || (!v.sku().equals(productSku) && skus.add(v.sku())), at + ".sku", "must differ from the product's and the other variants' SKUs");
        check(problems, v.price() == null || (v.price() >= 0 && v.price() <= 100_000_000L), at + ".price", "must be whole cents from 0 to 100000000, or left out");
        check(problems, v.stock() >= 0 && v.stock() <= 1_000_000, at + ".stock", "must be from 0 to 1000000");
        check(problems, v.image() == null || ProductInput.IMAGE.matcher(v.image()).matches(), at + ".image", "must be a site path or an https URL");
    }

    private static boolean badOption(Variant.Option o) {
        return o == null || o.name() == null || o.name().isBlank() || o.name().length() > 30 || o.values() == null || o.values().isEmpty()
                || o.values().size() > MAX_VALUES || o.values().stream().anyMatch(v -> v == null || v.isBlank() || v.length() > 30)
                || o.values().stream().distinct().count() != o.values().size();
    }

    private static void check(List<FieldProblem> problems, boolean ok, String field, String problem) {
        if (!ok) {
            problems.add(new FieldProblem(field, problem));
        }
    }
}
