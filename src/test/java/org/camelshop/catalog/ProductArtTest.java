package org.camelshop.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.camelshop.platform.ApiException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The generated product artwork: well-formed, escaped, the same every time for a product, different between products. */
class ProductArtTest {

    @Test
    void markupInANameIsDrawnAsTextAndTheSvgStaysWellFormed() throws Exception {
        String name = "<script>alert(1)</script> & \"Friends\" 'n' \u0001bell";
        for (int view = 1; view <= ProductArt.VIEWS; view++) {
            String svg = ProductArt.draw("prod-x", name, "Books", "Sub <b>", view);
            assertFalse(svg.contains("<script"), svg);
            assertFalse(svg.contains("<b>"), svg);
            assertFalse(svg.contains("\u0001"), "no control character (not allowed in XML)");
            Document doc = parse(svg);
            assertTrue(doc.getDocumentElement().getTextContent().contains("<script>alert(1)</script> & \"Friends\" 'n' bell"),
                    "the title is there as text, view " + view);
            assertEquals(0, doc.getElementsByTagName("script").getLength());
        }
    }

    @Test
    void oneProductAlwaysLooksTheSameAndTwoOfACategoryDiffer() {
        String a = ProductArt.draw("prod-0001", "Grace for Every Season", "Books", "Devotionals", 1);
        assertEquals(a, ProductArt.draw("prod-0001", "Grace for Every Season", "Books", "Devotionals", 1), "deterministic");
        assertNotEquals(a, ProductArt.draw("prod-0002", "Grace for Every Season", "Books", "Devotionals", 1), "colours follow the id");
        assertNotEquals(a, ProductArt.draw("prod-0001", "Grace for Every Season", "Books", "Devotionals", 2), "views differ");
    }

    @Test
    void everySampleProductGetsThreeWellFormedViewsAndTheSampleShelvesVary() throws Exception {
        Path samples = Files.createDirectories(Path.of("target", "art-samples"));
        Set<String> firstViewsOfBooks = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        List<Product> products = SampleCatalog.products();
        for (Product p : products) {
            kinds.add(ProductArt.kind(p.category(), p.name()));
            String svg = ProductArt.draw(p.productId(), p.name(), p.category(), p.subcategory(), 1);
            if (p.category().equals("Books")) {
                firstViewsOfBooks.add(svg);
            }
        }
        assertEquals(products.stream().filter(p -> p.category().equals("Books")).count(), firstViewsOfBooks.size(), "no two books share a cover");
        assertEquals(Set.of("book", "shirt", "hoodie", "cap", "mug", "sticker", "poster", "tablet"), kinds);
        // one product of each kind, all views, parsed and saved as an example (target/art-samples)
        Set<String> saved = new HashSet<>();
        for (Product p : products) {
            String kind = ProductArt.kind(p.category(), p.name());
            if (saved.add(kind)) {
                for (int view = 1; view <= ProductArt.VIEWS; view++) {
                    String svg = ProductArt.draw(p.productId(), p.name(), p.category(), p.subcategory(), view);
                    parse(svg);
                    Files.writeString(samples.resolve(kind + "-" + view + ".svg"), svg);
                }
            }
        }
    }

    @Test
    void anUnknownViewIsABadRequest() {
        Product book = SampleCatalog.products().get(0);
        ApiException e = assertThrows(ApiException.class, () -> new ProductArt().svg(book, "9"));
        assertEquals(400, e.status());
        assertEquals(ProductArt.draw(book.productId(), book.name(), book.category(), book.subcategory(), 2), new ProductArt().svg(book, "2"));
    }

    @Test
    void aVariantsPictureIsTheGarmentInItsColour() throws Exception {
        Product tee = SampleCatalog.products().stream().filter(p -> "T-Shirts".equals(p.subcategory())).findFirst().orElseThrow();
        Variant white = tee.variant("m-white").orElseThrow();
        assertEquals("/images/art/" + tee.productId() + "/1-white", white.image());
        String whiteShirt = new ProductArt().svg(tee, "1-white");
        String navyShirt = new ProductArt().svg(tee, "1-navy");
        parse(whiteShirt);
        assertTrue(whiteShirt.contains("hsl(40,20%,94%)") && !navyShirt.contains("hsl(40,20%,94%)"), "a white shirt is drawn white");
        assertTrue(new ProductArt().svg(tee, "1-heather-grey").contains("hsl(210,8%,60%)"));
        assertEquals(400, assertThrows(ApiException.class, () -> new ProductArt().svg(tee, "1-purple")).status(), "not a colour it comes in");
        Product book = SampleCatalog.products().get(0);
        assertEquals(400, assertThrows(ApiException.class, () -> new ProductArt().svg(book, "1-navy")).status());
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (ByteArrayInputStream in = new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))) {
            return factory.newDocumentBuilder().parse(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
