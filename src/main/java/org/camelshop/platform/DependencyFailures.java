package org.camelshop.platform;

import java.util.Locale;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.lettuce.core.RedisException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Tells an outage from a bug: which dependency a failure came from, if it is one that retrying later can cure
 * (unreachable, timed out, throttled, 5xx, breaker open). A validation error a service returns is a bug, not an outage.
 */
public final class DependencyFailures {

    private static final String AWS_SERVICES = "software.amazon.awssdk.services.";

    private DependencyFailures() {
    }

    /** The dependency that is down ({@code dynamodb}, {@code sqs}, {@code ses}, {@code redis}, ...), if that is why this failed. */
    public static Optional<String> dependencyOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DependencyUnavailable unavailable) {
                return Optional.of(unavailable.dependency());
            }
            if (cause instanceof RedisException) {
                return Optional.of("redis");
            }
            if (cause instanceof SdkClientException) {
                return Optional.of(awsService(cause));
            }
            if (cause instanceof AwsServiceException service && (service.statusCode() >= 500 || service.isThrottlingException())) {
                return Optional.of(awsService(cause));
            }
            if (cause instanceof CallNotPermittedException || cause instanceof java.net.ConnectException
                    || cause instanceof java.net.http.HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return Optional.of(awsService(failure));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The AWS service whose SDK client is on the stack ({@code software.amazon.awssdk.services.dynamodb...}). */
    private static String awsService(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (StackTraceElement frame : cause.getStackTrace()) {
                String type = frame.getClassName();
                if (type.startsWith(AWS_SERVICES)) {
                    String rest = type.substring(AWS_SERVICES.length());
                    int dot = rest.indexOf('.');
                    return (dot > 0 ? rest.substring(0, dot) : rest).toLowerCase(Locale.ROOT);
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return "dependency";
    }
}
