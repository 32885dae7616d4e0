package org.camelshop.files;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A file type the shop accepts, recognised by its declared Content-Type and checked against its first bytes, so a
 * renamed executable is never stored as a "PDF". Images are shown in the storefront; goods are what buyers download.
 */
public record FileKind(String contentType, String extension, Predicate<byte[]> magic) {

    public static final List<FileKind> IMAGES = List.of(
            new FileKind("image/png", "png", b -> startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)),
            new FileKind("image/jpeg", "jpg", b -> startsWith(b, 0, 0xFF, 0xD8, 0xFF)),
            new FileKind("image/webp", "webp", b -> startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')),
            new FileKind("image/gif", "gif", b -> startsWith(b, 0, 'G', 'I', 'F', '8')));

    public static final List<FileKind> GOODS = List.of(
            new FileKind("application/pdf", "pdf", b -> startsWith(b, 0, '%', 'P', 'D', 'F', '-')),
            // an EPUB is a ZIP whose first entry is the uncompressed "mimetype" file naming it
            new FileKind("application/epub+zip", "epub", b -> zip(b) && contains(b, 30, "mimetypeapplication/epub+zip")),
            new FileKind("application/zip", "zip", FileKind::zip),
            new FileKind("video/mp4", "mp4", b -> startsWith(b, 4, 'f', 't', 'y', 'p')));

    /** The kind among {@code kinds} whose Content-Type is {@code declared} (parameters and case ignored). */
    public static Optional<FileKind> declared(List<FileKind> kinds, String declared) {
        String type = declared == null ? "" : declared.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return kinds.stream().filter(k -> k.contentType.equals(type) || ("image/jpg".equals(type) && "jpg".equals(k.extension))).findFirst();
    }

    /** Whether {@code bytes} really are of this kind. */
    public boolean matches(byte[] bytes) {
        return bytes != null && magic.test(bytes);
    }

    private static boolean zip(byte[] b) {
        return startsWith(b, 0, 'P', 'K', 0x03, 0x04);
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] bytes, int offset, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= offset + expected.length
                && Arrays.equals(bytes, offset, offset + expected.length, expected, 0, expected.length);
    }
}
