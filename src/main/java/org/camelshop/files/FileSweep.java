package org.camelshop.files;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.camelshop.catalog.Product;
import org.camelshop.catalog.ProductRepository;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Finds the objects no product points at any more: an image replaced or removed from a product (or of a deleted
 * product), a product file replaced by a newer one, an upload whose product form was never saved. Only objects older
 * than the grace period count, so an upload whose form is still being filled in is safe. A deleted product's file
 * stays: its buyers keep their downloads. (A bucket lifecycle rule cannot tell which objects are still referenced.)
 */
public final class FileSweep {

    private final S3Client s3;
    private final ProductRepository products;
    private final String imagesBucket;
    private final String goodsBucket;
    private final Duration grace;
    private final Clock clock;

    public FileSweep(S3Client s3, ProductRepository products, FileSettings settings, Clock clock) {
        this.s3 = s3;
        this.products = products;
        this.imagesBucket = settings.imagesBucket();
        this.goodsBucket = settings.goodsBucket();
        this.grace = settings.orphanGrace();
        this.clock = clock;
    }

    /** Keys in the images bucket that no live product shows. */
    public List<String> orphanImages() {
        Set<String> shown = new HashSet<>();
        products.all().filter(p -> !"deleted".equals(p.status()))
                .flatMap(p -> Stream.concat(Stream.ofNullable(p.imageUrl()), p.images() == null ? Stream.empty() : p.images().stream()))
                .forEach(url -> ProductFiles.imageKeyOf(url).ifPresent(shown::add));
        return orphans(imagesBucket, ProductFiles.IMAGE_PREFIX, shown);
    }

    /** Keys in the goods bucket that no product (deleted ones included) offers. */
    public List<String> orphanGoods() {
        Set<String> offered = new HashSet<>();
        products.all().map(Product::downloadUrl).filter(u -> u != null && !u.startsWith("https://")).forEach(offered::add);
        return orphans(goodsBucket, "", offered);
    }

    private List<String> orphans(String bucket, String prefix, Set<String> referenced) {
        Instant before = clock.instant().minus(grace);
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .filter(o -> o.lastModified().isBefore(before) && !referenced.contains(o.key()))
                .map(S3Object::key).toList();
    }
}
