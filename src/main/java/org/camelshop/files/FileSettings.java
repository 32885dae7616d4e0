package org.camelshop.files;

import java.time.Duration;

import org.camelshop.platform.ShopSettings;

/**
 * Product images and digital goods ({@code shop.s3.*}, {@code shop.images.*}, {@code shop.files.*}), read once at start;
 * their defaults are in application.properties. The two buckets, the public address of stored images, the largest image
 * and file an upload may carry, the Retry-After while S3 is down, and how long an unreferenced object stays before the
 * sweep deletes it.
 */
public record FileSettings(String imagesBucket, String goodsBucket, String imageBaseUrl, long maxImageBytes, long maxFileBytes,
                           int retryAfterSeconds, Duration orphanGrace) {

    private static final long MEGABYTE = 1024L * 1024L;

    public static FileSettings from(ShopSettings settings) {
        return new FileSettings(settings.get("shop.s3.images-bucket"), settings.get("shop.s3.goods-bucket"),
                settings.get("shop.images.base-url"), settings.getInt("shop.images.max-mb") * MEGABYTE,
                settings.getInt("shop.files.max-mb") * MEGABYTE, settings.getInt("shop.files.retry-after-seconds"),
                Duration.ofHours(settings.getInt("shop.files.orphan-grace-hours")));
    }
}
