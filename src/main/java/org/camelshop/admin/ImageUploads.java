package org.camelshop.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.camelshop.platform.ApiException;

/**
 * {@code POST /api/admin/images}: an admin uploads one product image as the raw request body (Content-Type
 * image/png, image/jpeg, image/webp or image/gif, at most 5 MB). The bytes must really be that format. Local mode keeps
 * it in a folder ({@code shop.images.dir}); {@code GET /images/uploads/<uuid>.<ext>} serves it back through
 * {@link #serve} (the pages' static handler reads files as text, which breaks images). The answer's
 * {@code image_url} goes into a product's image_url or images.
 */
public final class ImageUploads {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final Map<String, String> EXTENSIONS = Map.of("image/png", "png", "image/jpeg", "jpg", "image/webp", "webp", "image/gif", "gif");
    private final Path folder;
    private final String urlPrefix;

    public ImageUploads(Path folder, String urlPrefix) {
        this.folder = folder;
        this.urlPrefix = urlPrefix.endsWith("/") ? urlPrefix : urlPrefix + "/";
    }

    public Map<String, Object> upload(Exchange exchange) {
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class).split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        String extension = EXTENSIONS.get(type);
        if (extension == null) {
            throw new ApiException(415, "unsupported_media_type", "Upload a PNG, JPEG, WebP or GIF image (Content-Type image/...)", List.of());
        }
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        if (bytes == null || bytes.length == 0) {
            throw ApiException.invalidField("body", "must be the image's bytes");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ApiException(413, "payload_too_large", "Images must be at most " + MAX_BYTES / (1024 * 1024) + " MB", List.of());
        }
        if (!matches(extension, bytes)) {
            throw new ApiException(415, "unsupported_media_type", "The file is not a " + extension.toUpperCase(java.util.Locale.ROOT) + " image", List.of());
        }
        String name = UUID.randomUUID() + "." + extension;
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, ".upload-", ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, folder.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("image could not be stored", e);
        }
        return Map.of("image_url", urlPrefix + name, "bytes", bytes.length, "content_type", type);
    }

    private static final java.util.regex.Pattern STORED = java.util.regex.Pattern.compile("[0-9a-f-]{36}\\.(png|jpg|webp|gif)");

    /** {@code GET /images/uploads/{name}}: an uploaded image, cached for good (every upload gets a new name). */
    public byte[] serve(Exchange exchange) {
        String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, "", String.class);
        String name = uri.substring(uri.lastIndexOf('/') + 1).split("\\?")[0];
        Path file = folder.resolve(name);
        if (!STORED.matcher(name).matches() || !Files.isRegularFile(file)) {
            throw ApiException.notFound("Image " + name);
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String type = EXTENSIONS.entrySet().stream().filter(e -> e.getValue().equals(extension)).map(Map.Entry::getKey).findFirst().orElseThrow();
        try {
            byte[] bytes = Files.readAllBytes(file);
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, type);
            exchange.getMessage().setHeader("Cache-Control", "public, max-age=31536000, immutable");
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's magic number agrees with its declared type. */
    static boolean matches(String extension, byte[] b) {
        return switch (extension) {
            case "png" -> b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
            case "jpg" -> b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
            case "gif" -> b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8';
            case "webp" -> b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P';
            default -> false;
        };
    }
}
