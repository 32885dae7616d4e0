package org.camelshop.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.zip.ZipInputStream;

import org.camelshop.catalog.Product;
import org.camelshop.catalog.SampleCatalog;
import org.junit.jupiter.api.Test;

class SampleFilesTest {

    private final List<Product> catalog = SampleCatalog.products();

    @Test
    void everyDigitalSampleHasAFileOfTheKindItsNameSays() throws Exception {
        List<Product> digital = catalog.stream().filter(Product::digitalDownload).toList();
        assertEquals(300, digital.size());
        Product pdf = digital.stream().filter(p -> p.downloadFile().endsWith(".pdf")).findFirst().orElseThrow();
        assertTrue(FileKind.GOODS.get(0).matches(SampleFiles.pdf(pdf)), "a real PDF");
        Product zip = digital.stream().filter(p -> p.downloadFile().endsWith(".zip")).findFirst().orElseThrow();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(SampleFiles.zip(zip)))) {
            assertEquals("README.txt", entries.getNextEntry().getName());
            assertEquals("notes.pdf", entries.getNextEntry().getName());
        }
        assertTrue(digital.stream().allMatch(p -> p.downloadUrl().startsWith("samples/" + p.productId() + "/")));
    }

    @Test
    void someProductsHaveASecondPictureThatIsARealPng() {
        List<Product> withTwo = catalog.stream().filter(p -> p.images().size() == 2).toList();
        assertEquals(catalog.size() / 10, withTwo.size());
        Product first = withTwo.get(0);
        assertEquals(SampleCatalog.sampleImageUrl(first.productId()), first.images().get(1));
        assertTrue(ProductFiles.imageKeyOf(first.images().get(1)).isPresent(), "served like an uploaded image");
        assertTrue(FileKind.IMAGES.get(0).matches(SampleFiles.png(first)));
    }
}
