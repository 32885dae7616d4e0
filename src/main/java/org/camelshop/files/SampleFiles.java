package org.camelshop.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.SampleCatalog;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Real files for the sample catalog's digital products, made at start-up rather than committed: a one-page PDF per
 * e-book, PDF or outline, a ZIP (notes plus that PDF) per course or graphics package. Only missing ones are written.
 */
public final class SampleFiles {

    // made once: each new standard font looks up a system font (and warns when it falls back)
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    private final S3Client s3;
    private final String bucket;

    public SampleFiles(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The sample digital products whose file is not in the bucket yet. */
    public List<Product> missing() {
        Set<String> stored = s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(SampleCatalog.SAMPLE_FILES_PREFIX)).contents().stream()
                .map(o -> o.key()).collect(Collectors.toSet());
        return SampleCatalog.products().stream().filter(Product::digitalDownload).filter(p -> !stored.contains(p.downloadUrl())).toList();
    }

    /** Makes one product's file and sets the aws2-s3 headers for it. */
    public void prepare(Exchange exchange) {
        Product product = exchange.getMessage().getBody(Product.class);
        boolean zip = product.downloadUrl().endsWith(".zip");
        byte[] bytes = zip ? zip(product) : pdf(product);
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, product.downloadUrl());
        exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_TYPE, zip ? "application/zip" : "application/pdf");
        exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_LENGTH, (long) bytes.length);
        exchange.getMessage().setBody(bytes);
    }

    static byte[] pdf(Product product) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(BOLD, 18);
                text.newLineAtOffset(72, 700);
                text.showText(product.name());
                text.setFont(REGULAR, 11);
                text.newLineAtOffset(0, -28);
                text.showText(product.subcategory() + " - sample file of the Camel Shop demo catalog (" + product.productId() + ")");
                text.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] zip(Product product) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write((product.name() + "\n\n" + product.description() + "\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("notes.pdf"));
            zip.write(pdf(product));
            zip.closeEntry();
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
