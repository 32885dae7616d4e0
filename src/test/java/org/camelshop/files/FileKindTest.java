package org.camelshop.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.camelshop.catalog.SampleCatalog;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.StoredObject;
import org.junit.jupiter.api.Test;

class FileKindTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final byte[] EPUB_START = "PK\u0003\u0004__________________________mimetypeapplication/epub+zip".getBytes(StandardCharsets.ISO_8859_1);

    private final ProductFiles files = new ProductFiles(null, null, null,
            new FileSettings("images", "goods", "/images/uploads", 32, 64, 30, Duration.ofHours(24)));

    @Test
    void eachKindIsKnownByItsFirstBytes() {
        assertTrue(kind(FileKind.GOODS, "application/pdf").matches("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(kind(FileKind.GOODS, "application/pdf").matches("<html>".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(kind(FileKind.GOODS, "application/epub+zip").matches(EPUB_START));
        assertFalse(kind(FileKind.GOODS, "application/epub+zip").matches(SampleFiles.zip(SampleCatalog.products().get(0))), "a plain ZIP is no EPUB");
        assertTrue(kind(FileKind.GOODS, "application/zip").matches(SampleFiles.zip(SampleCatalog.products().get(0))));
        assertTrue(kind(FileKind.GOODS, "video/mp4").matches(new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}));
        assertTrue(kind(FileKind.IMAGES, "IMAGE/PNG; charset=binary").matches(PNG));
        assertEquals(Optional.empty(), FileKind.declared(FileKind.IMAGES, "application/pdf"));
        assertFalse(kind(FileKind.IMAGES, "image/gif").matches(new byte[2]), "too short to be anything");
    }

    @Test
    void anImageGetsAFreshKeyAndItsTypeForS3() {
        StoredObject image = files.image("image/png", null, PNG);
        assertTrue(image.key().matches("images/[0-9a-f-]{36}\\.png"), image.key());
        assertEquals("image/png", image.contentType());
        assertEquals(PNG, image.bytes());
        assertEquals("public, max-age=31536000, immutable", image.cacheControl(), "an image's name never repeats");
        assertEquals("/images/uploads/" + image.key().substring("images/".length()),
                files.imageStored(image.key(), (long) PNG.length, "image/png").get("image_url"));
    }

    @Test
    void otherTypesLiesAndHugeFilesAreRefused() {
        assertEquals(415, assertThrows(ApiException.class, () -> files.image("text/html", null, PNG)).status());
        assertEquals(415, assertThrows(ApiException.class, () -> files.image("image/jpeg", null, PNG)).status(), "a PNG sent as JPEG");
        assertEquals(413, assertThrows(ApiException.class, () -> files.image("image/png", null, new byte[33])).status());
        assertEquals(413, assertThrows(ApiException.class, () -> files.image("image/png", 10_000_000L, PNG)).status(), "refused before reading");
        assertEquals(400, assertThrows(ApiException.class, () -> files.image("image/png", null, new byte[0])).status());
        assertEquals(400, assertThrows(ApiException.class, () -> files.image("image/png", null, null)).status());
    }

    @Test
    void downloadNamesAreSafeAndCarryTheirExtension() {
        FileKind pdf = kind(FileKind.GOODS, "application/pdf");
        assertEquals("Field-Guide-2026.pdf", ProductFiles.fileName("C:\\Users\\me\\Field Guide 2026.PDF", pdf));
        assertEquals("passwd.pdf", ProductFiles.fileName("../../etc/passwd", pdf));
        assertEquals("x-y-.pdf", ProductFiles.fileName("x\"y\r\n", pdf));
        assertEquals("download.pdf", ProductFiles.fileName(null, pdf));
        assertEquals("download.pdf", ProductFiles.fileName("...", pdf));
    }

    @Test
    void storedImagesMapToTheirKeysWhateverServesThem() {
        String name = "0b0e5d52-6a43-4c3d-9a7b-2f1f2b1e9c11.webp";
        assertEquals(Optional.of("images/" + name), ProductFiles.imageKeyOf("/images/uploads/" + name));
        assertEquals(Optional.of("images/" + name), ProductFiles.imageKeyOf("https://d111.cloudfront.net/images/" + name), "after a switch to a CDN");
        assertEquals(Optional.empty(), ProductFiles.imageKeyOf("/images/products/books.svg"));
        assertEquals(Optional.empty(), ProductFiles.imageKeyOf(null));
    }

    private static FileKind kind(java.util.List<FileKind> kinds, String type) {
        return FileKind.declared(kinds, type).orElseThrow();
    }
}
