package org.camelshop.payment.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts the sandbox's webhook events to the shop, in the background like a provider would; failures are only logged. */
final class WebhookSender {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    void post(String url, String payload, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload));
        headers.forEach(request::header);
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (failure != null) {
                LOG.warn("Sandbox webhook to {} failed: {}", url, failure.getMessage());
            } else if (response.statusCode() >= 300) {
                LOG.warn("Sandbox webhook to {} answered {}: {}", url, response.statusCode(), response.body());
            }
        });
    }
}
