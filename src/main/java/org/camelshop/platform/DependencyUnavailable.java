package org.camelshop.platform;

/**
 * A dependency (a payment provider, a queue, a store) could not serve a call. Anything thrown with this in its cause
 * chain reaches the caller as {@code 503 {"error": "<dependency>_unavailable"}} with Retry-After (see {@link ApiErrors}).
 */
public class DependencyUnavailable extends RuntimeException {

    private final String dependency;

    public DependencyUnavailable(String dependency, String message, Throwable cause) {
        super(message, cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
