package org.camelshop.platform;

import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/** The edge step before an aws2-s3 write: the {@link StoredObject} in the body becomes the component's headers and bytes. */
public final class S3Objects {

    public void put(Exchange exchange) {
        var message = exchange.getMessage();
        StoredObject object = message.getBody(StoredObject.class);
        message.setHeader(AWS2S3Constants.KEY, object.key());
        message.setHeader(AWS2S3Constants.CONTENT_TYPE, object.contentType());
        message.setHeader(AWS2S3Constants.CONTENT_LENGTH, (long) object.bytes().length);
        if (object.cacheControl() != null) {
            message.setHeader(AWS2S3Constants.CACHE_CONTROL, object.cacheControl());
        }
        message.setBody(object.bytes());
    }
}
