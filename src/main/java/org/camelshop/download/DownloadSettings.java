package org.camelshop.download;

import java.time.Duration;

import org.camelshop.platform.ShopSettings;

/**
 * Download links ({@code shop.downloads.*}), read once at start; their defaults are in application.properties. The
 * secret the shop signs links with (from the environment), how long a shop link lasts, and how long the S3 address it
 * redirects to lasts.
 */
public record DownloadSettings(String secret, Duration linkLifetime, Duration presignLifetime) {

    public static DownloadSettings from(ShopSettings settings) {
        return new DownloadSettings(settings.get("shop.downloads.secret"), Duration.ofMinutes(settings.getInt("shop.downloads.link-minutes")),
                Duration.ofSeconds(settings.getInt("shop.downloads.presign-seconds")));
    }
}
