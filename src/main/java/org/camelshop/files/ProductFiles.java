package org.camelshop.files;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductAdmin;
import org.camelshop.catalog.ProductInput;
import org.camelshop.catalog.ProductRepository;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.StoredObject;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The checks and names around the shop's two buckets; routes/product-files.yaml does the writing with aws2-s3.
 * Images: {@code POST /api/admin/images} (PNG, JPEG, WebP, GIF) become {@code images/<uuid>.<ext>} in the images bucket
 * and answer an {@code image_url} under the images base URL (the shop itself, or a CDN in front of the bucket). Goods:
 * {@code POST /api/admin/products/{id}/file?filename=} (PDF, EPUB, ZIP, MP4) become
 * {@code products/<id>/<uuid>/<filename>} in the private goods bucket and the product's {@code download_url}.
 * Every upload gets a new name, so a cached copy is never stale and a replaced file never half-overwritten.
 */
public final class ProductFiles {

    static final String IMAGE_PREFIX = "images/";
    private static final String FOREVER = "public, max-age=31536000, immutable";
    private static final Pattern STORED_IMAGE = Pattern.compile("[0-9a-f-]{36}\\.(png|jpg|webp|gif)");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");

    private final ProductRepository products;
    private final ProductAdmin admin;
    private final S3Client s3;
    private final String imagesBucket;
    private final String imageBaseUrl;
    private final long maxImageBytes;
    private final long maxFileBytes;
    private final int retryAfterSeconds;

    public ProductFiles(ProductRepository products, ProductAdmin admin, S3Client s3, FileSettings settings) {
        this.products = products;
        this.admin = admin;
        this.s3 = s3;
        this.imagesBucket = settings.imagesBucket();
        String imageBaseUrl = settings.imageBaseUrl();
        this.imageBaseUrl = imageBaseUrl.endsWith("/") ? imageBaseUrl : imageBaseUrl + "/";
        this.maxImageBytes = settings.maxImageBytes();
        this.maxFileBytes = settings.maxFileBytes();
        this.retryAfterSeconds = settings.retryAfterSeconds();
    }

    /**
     * Checks an uploaded image (its declared type and length, and its bytes) and names its object. Names never repeat,
     * so browsers and a CDN may keep an image for good.
     */
    public StoredObject image(String contentType, Long contentLength, byte[] body) {
        FileKind kind = FileKind.declared(FileKind.IMAGES, contentType)
                .orElseThrow(() -> unsupported("Upload a PNG, JPEG, WebP or GIF image (Content-Type image/...)"));
        byte[] bytes = body(contentLength, body, maxImageBytes, "Images");
        if (!kind.matches(bytes)) {
            throw unsupported("The file is not a " + kind.extension().toUpperCase(Locale.ROOT) + " image");
        }
        return new StoredObject(IMAGE_PREFIX + UUID.randomUUID() + "." + kind.extension(), kind.contentType(), bytes, FOREVER);
    }

    /** The answer once the image is stored: its URL for a product's image_url or images. */
    public Map<String, Object> imageStored(String key, Long bytes, String contentType) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("image_url", imageBaseUrl + key.substring(IMAGE_PREFIX.length()));
        answer.put("bytes", bytes);
        answer.put("content_type", contentType);
        return answer;
    }

    /** Checks a digital product's file (its declared type and length, and its bytes) and names its object. */
    public StoredObject file(String productId, String filename, String contentType, Long contentLength, byte[] body) {
        Product product = digitalProduct(productId);
        FileKind kind = FileKind.declared(FileKind.GOODS, contentType)
                .orElseThrow(() -> unsupported("Upload a PDF, EPUB, ZIP or MP4 file (Content-Type application/pdf, application/epub+zip, "
                        + "application/zip or video/mp4)"));
        byte[] bytes = body(contentLength, body, maxFileBytes, "Product files");
        if (!kind.matches(bytes)) {
            throw unsupported("The file is not a " + kind.extension().toUpperCase(Locale.ROOT) + " file");
        }
        return new StoredObject("products/" + product.productId() + "/" + UUID.randomUUID() + "/" + fileName(filename, kind),
                kind.contentType(), bytes);
    }

    /** Points the product at its stored file; the previous file is left to the sweep (orders in flight may still need it). */
    public Map<String, Object> attachFile(String productId, String key, Long bytes, String contentType) {
        Product saved = admin.change(productId, new ProductInput(null, null, null, null, null, null, null, null, null, null, key,
                null, null, null, null, null, null, null));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("product_id", saved.productId());
        answer.put("download_file", saved.downloadFile());
        answer.put("bytes", bytes);
        answer.put("content_type", contentType);
        return answer;
    }

    /** {@code GET /images/uploads/{name}}: an uploaded image from the images bucket (when no CDN serves them). */
    public StoredObject serveImage(String path) {
        String uri = path == null ? "" : path;
        String name = uri.substring(uri.lastIndexOf('/') + 1).split("\\?")[0];
        if (!STORED_IMAGE.matcher(name).matches()) {
            throw ApiException.notFound("Image " + name);
        }
        try {
            var object = s3.getObjectAsBytes(r -> r.bucket(imagesBucket).key(IMAGE_PREFIX + name));
            return new StoredObject(IMAGE_PREFIX + name, object.response().contentType(), object.asByteArray(), FOREVER);
        } catch (NoSuchKeyException e) {
            throw ApiException.notFound("Image " + name);
        } catch (SdkException e) {
            throw storageUnavailable();
        }
    }

    /**
     * The object store could not be reached or refused the write: the caller may try again shortly. Used in a doCatch,
     * where a thrown exception would bypass the error handler, so the route makes it the caught exception apiErrors answers.
     */
    public ApiException storageUnavailable() {
        return new ApiException(503, "storage_unavailable", "File storage is temporarily unavailable; please try again shortly",
                List.of(), Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /**
     * The object key an image URL points at if it names a stored image, whatever its base (the shop's path, or a CDN
     * configured later): the sweep keeps whatever any product still points at.
     */
    public static java.util.Optional<String> imageKeyOf(String url) {
        String name = url == null ? "" : url.substring(url.lastIndexOf('/') + 1);
        return STORED_IMAGE.matcher(name).matches() ? java.util.Optional.of(IMAGE_PREFIX + name) : java.util.Optional.empty();
    }

    private Product digitalProduct(String productId) {
        Product product = products.find(productId).filter(p -> !"deleted".equals(p.status()))
                .orElseThrow(() -> ApiException.notFound("Product " + productId));
        if (!product.digitalDownload()) {
            throw ApiException.conflict("not_digital", "Only a digital product has a file; mark it as a digital download first");
        }
        return product;
    }

    private static byte[] body(Long declared, byte[] bytes, long limit, String what) {
        if (declared != null && declared > limit) {
            throw tooLarge(what, limit);
        }
        if (bytes == null || bytes.length == 0) {
            throw ApiException.invalidField("body", "must be the file's bytes");
        }
        if (bytes.length > limit) {
            throw tooLarge(what, limit);
        }
        return bytes;
    }

    /** A download's file name: the admin's, made safe for a header and a key, with the type's extension. */
    static String fileName(String requested, FileKind kind) {
        String base = requested == null ? "" : requested.substring(Math.max(requested.lastIndexOf('/'), requested.lastIndexOf('\\')) + 1);
        base = UNSAFE.matcher(base).replaceAll("-").replaceAll("^[-.]+", "");
        if (base.toLowerCase(Locale.ROOT).endsWith("." + kind.extension())) {
            base = base.substring(0, base.length() - kind.extension().length() - 1);
        }
        if (base.isBlank()) {
            base = "download";
        }
        return (base.length() > 100 ? base.substring(0, 100) : base) + "." + kind.extension();
    }

    private static ApiException unsupported(String message) {
        return new ApiException(415, "unsupported_media_type", message, List.of());
    }

    private static ApiException tooLarge(String what, long limit) {
        return new ApiException(413, "payload_too_large", what + " must be at most " + limit / (1024 * 1024) + " MB", List.of());
    }
}
