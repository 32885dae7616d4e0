package org.camelshop.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.camelshop.platform.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageUploadsTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    private static Exchange upload(String type, byte[] body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, type);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void anUploadedImageIsStoredAndServedBackByteForByte(@TempDir Path folder) {
        ImageUploads uploads = new ImageUploads(folder, "/images/uploads");
        Map<String, Object> answer = uploads.upload(upload("image/png", PNG));
        String url = (String) answer.get("image_url");
        Exchange get = new DefaultExchange(new DefaultCamelContext());
        get.getMessage().setHeader(Exchange.HTTP_URI, url);
        assertArrayEquals(PNG, uploads.serve(get));
        assertEquals("image/png", get.getMessage().getHeader(Exchange.CONTENT_TYPE));
    }

    @Test
    void otherTypesLiesAndHugeFilesAreRefused(@TempDir Path folder) {
        ImageUploads uploads = new ImageUploads(folder, "/images/uploads/");
        assertEquals(415, assertThrows(ApiException.class, () -> uploads.upload(upload("text/html", PNG))).status());
        assertEquals(415, assertThrows(ApiException.class, () -> uploads.upload(upload("image/jpeg", PNG))).status(), "a PNG sent as JPEG");
        assertEquals(413, assertThrows(ApiException.class, () -> uploads.upload(upload("image/png", new byte[ImageUploads.MAX_BYTES + 1]))).status());
        Exchange traversal = new DefaultExchange(new DefaultCamelContext());
        traversal.getMessage().setHeader(Exchange.HTTP_URI, "/images/uploads/..%2F..%2Fpom.xml");
        assertEquals(404, assertThrows(ApiException.class, () -> uploads.serve(traversal)).status());
    }
}
