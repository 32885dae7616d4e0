package org.camelshop.files;

import java.time.Duration;

import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned S3 GETs for the private goods bucket: valid for a few minutes, and naming the file so the browser saves
 * it under the product's file name rather than the object key.
 */
public final class GoodsLinks {

    private final S3Presigner presigner;
    private final String bucket;
    private final Duration lifetime;

    public GoodsLinks(S3Presigner presigner, String bucket, Duration lifetime) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.lifetime = lifetime;
    }

    /** A link to the object {@code key}, saved by the browser as {@code fileName}. */
    public String presignedGet(String key, String fileName) {
        String quoted = fileName.replace("\\", "").replace("\"", "");
        return presigner.presignGetObject(r -> r.signatureDuration(lifetime).getObjectRequest(g -> g.bucket(bucket).key(key)
                        .responseContentDisposition("attachment; filename=\"" + quoted + "\"")))
                .url().toString();
    }
}
