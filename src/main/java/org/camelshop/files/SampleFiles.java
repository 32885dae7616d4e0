package org.camelshop.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.camelshop.catalog.Product;
import org.camelshop.catalog.SampleCatalog;
import org.camelshop.platform.Png;
import org.camelshop.platform.StoredObject;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Real files for the sample catalog, made at start-up rather than committed: a one-page PDF per e-book, PDF or
 * outline, a ZIP (notes plus that PDF) per course or graphics package, and the second picture of every tenth product
 * (a PNG). Only missing ones are written; each is drawn once per process (a fresh stack, e.g. in the tests, gets the
 * same bytes again without the drawing).
 */
public final class SampleFiles {

    // made once: each new standard font looks up a system font (and warns when it falls back)
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    private static final Map<String, StoredObject> DRAWN = new ConcurrentHashMap<>();

    private final S3Client s3;
    private final String bucket;
    private final String imagesBucket;

    public SampleFiles(S3Client s3, FileSettings settings) {
        this.s3 = s3;
        this.bucket = settings.goodsBucket();
        this.imagesBucket = settings.imagesBucket();
    }

    /** The sample digital products whose file is not in the goods bucket yet. */
    public List<Product> missing() {
        Set<String> stored = keys(bucket, SampleCatalog.SAMPLE_FILES_PREFIX);
        return SampleCatalog.products().stream().filter(Product::digitalDownload).filter(p -> !stored.contains(p.downloadUrl())).toList();
    }

    /** The sample products whose second picture is not in the images bucket yet. */
    public List<Product> missingImages() {
        Set<String> stored = keys(imagesBucket, ProductFiles.IMAGE_PREFIX);
        return SampleCatalog.products().stream().filter(p -> p.images().contains(SampleCatalog.sampleImageUrl(p.productId())))
                .filter(p -> !stored.contains(imageKey(p))).toList();
    }

    /** Draws one product's second picture. */
    public StoredObject image(Product product) {
        return DRAWN.computeIfAbsent(imageKey(product), key -> new StoredObject(key, "image/png", png(product)));
    }

    private Set<String> keys(String bucketName, String prefix) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucketName).prefix(prefix)).contents().stream().map(o -> o.key()).collect(Collectors.toSet());
    }

    private static String imageKey(Product product) {
        String url = SampleCatalog.sampleImageUrl(product.productId());
        return ProductFiles.IMAGE_PREFIX + url.substring(url.lastIndexOf('/') + 1);
    }

    /** Shapes in the product's own colour; no text, so no fonts are needed wherever the shop runs. */
    static byte[] png(Product product) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        try {
            java.awt.Color colour = new java.awt.Color(Math.floorMod(product.productId().hashCode() * 2654435761L, 0xFFFFFF));
            g.setColor(colour.darker());
            g.fillRect(0, 0, 640, 480);
            g.setColor(colour.brighter());
            g.fillOval(170, 90, 300, 300);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(40, 400, 560, 24);
        } finally {
            g.dispose();
        }
        return Png.bytes(image);
    }

    /** Makes one product's file. */
    public StoredObject file(Product product) {
        boolean zip = product.downloadUrl().endsWith(".zip");
        return DRAWN.computeIfAbsent(product.downloadUrl(),
                key -> new StoredObject(key, zip ? "application/zip" : "application/pdf", zip ? zip(product) : pdf(product)));
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
