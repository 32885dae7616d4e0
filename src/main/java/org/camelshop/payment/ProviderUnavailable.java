package org.camelshop.payment;

/**
 * The provider could not be reached or failed (network, 5xx, bad credentials). Counted by the provider's circuit breaker;
 * the caller sees a 503 (through the breaker's fallback) and queue messages are retried.
 */
public final class ProviderUnavailable extends org.camelshop.platform.DependencyUnavailable {

    public ProviderUnavailable(String provider, String message, Throwable cause) {
        super(provider, provider + ": " + message, cause);
    }
}
