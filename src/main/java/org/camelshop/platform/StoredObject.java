package org.camelshop.platform;

/**
 * An object for the object store (S3) or read from it: its key, content type, bytes and, when it never changes, the
 * Cache-Control it is served with (null otherwise). Beans return it; {@link S3Objects} and {@link HttpResponses} turn it
 * into the headers of an aws2-s3 write or of an HTTP answer.
 */
public record StoredObject(String key, String contentType, byte[] bytes, String cacheControl) {

    public StoredObject(String key, String contentType, byte[] bytes) {
        this(key, contentType, bytes, null);
    }
}
