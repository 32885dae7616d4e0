package org.camelshop.payment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.spi.Registry;
import org.camelshop.platform.ApiException;
import org.camelshop.platform.ShopMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One resilience4j circuit breaker per payment provider, shared by every circuitBreaker EIP that calls it (payment API,
 * payment processor, refunds): the EIPs name {@code stripe-breaker} / {@code paypal-breaker} as their configuration
 * (routes/payment-providers.yaml), which points at the shared breaker. Settings are the shop's (shop.breaker.*): a time-based window of 60 s that opens at 50 %
 * failures once it holds 5 calls, 30 s call timeout, half-open after 60 s. A refusal by the provider (an ApiException:
 * declined, not approved, over-refund) is an answer, not an outage, and is not counted. Each trip is logged and counted;
 * the state is a gauge and a detail of the readiness report.
 */
public final class PaymentBreakers {

    public static final List<String> PROVIDERS = List.of("stripe", "paypal");
    private static final Logger LOG = LoggerFactory.getLogger(PaymentBreakers.class);

    private final Map<String, CircuitBreaker> breakers;
    private final long openSeconds;

    public PaymentBreakers(PaymentSettings.Breakers settings) {
        this.openSeconds = settings.openSeconds();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize(settings.windowSeconds())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(Duration.ofSeconds(settings.openSeconds()))
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .ignoreException(PaymentBreakers::isAnswer)
                .writableStackTraceEnabled(false)
                .build();
        this.breakers = Map.of("stripe", CircuitBreaker.of("stripe", config), "paypal", CircuitBreaker.of("paypal", config));
    }

    public CircuitBreaker breaker(String provider) {
        return breakers.get(provider);
    }

    /**
     * Binds each breaker as {@code <provider>CircuitBreaker}, the breaker that the EIP configuration {@code
     * <provider>-breaker} (routes/payment-providers.yaml: timeout, throw while open) points at.
     */
    public void bind(Registry registry, ShopMetrics metrics) {
        breakers.forEach((provider, breaker) -> {
            registry.bind(provider + "CircuitBreaker", breaker);
            breaker.getEventPublisher().onStateTransition(event -> {
                CircuitBreaker.State to = event.getStateTransition().getToState();
                if (to == CircuitBreaker.State.OPEN) {
                    LOG.warn("Circuit breaker {} opened: {} % of recent calls failed; calls are refused for {} s",
                            provider, breaker.getMetrics().getFailureRate(), openSeconds);
                    metrics.counter("shop_breaker_trips_total", "Times a circuit breaker opened", "breaker", provider).increment();
                } else {
                    LOG.info("Circuit breaker {}: {}", provider, event.getStateTransition());
                }
            });
            Gauge.builder("shop_breaker_state", breaker, b -> stateValue(b.getState()))
                    .description("Circuit breaker state: 0 closed, 1 half-open, 2 open")
                    .tag("breaker", provider).register(metrics.registry());
            registry.bind(provider + "-breaker-health", new BreakerHealthCheck(provider, breaker));
        });
    }

    /**
     * The onFallback of every payment breaker: the call was refused because the breaker is open (or half-open and busy), or
     * the provider failed. Either way a 503 with Retry-After, at once; a queue consumer retries the message later.
     */
    public void unavailable(Exchange exchange, String provider) {
        CircuitBreaker breaker = breakers.get(provider);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        CallNotPermittedException notPermitted = ObjectHelper.getException(CallNotPermittedException.class, caught);
        boolean refused = notPermitted != null || (caught == null && breaker.getState() != CircuitBreaker.State.CLOSED);
        String name = "stripe".equals(provider) ? "Card payments (Stripe)" : "PayPal";
        ApiException unavailable = new ApiException(503, "payment_provider_unavailable",
                name + (refused ? " is not answering at the moment; please try again shortly" : " could not complete the request; please try again"),
                List.of(), Map.of("Retry-After", Long.toString(refused ? openSeconds : 5)));
        if (refused) {
            // kept as the cause: queue consumers recognise an open breaker and defer the message instead of spending its retries
            unavailable.initCause(notPermitted != null ? notPermitted : CallNotPermittedException.createCallNotPermittedException(breaker));
        } else {
            LOG.warn("{} call failed: {}", provider, caught == null ? "unknown" : caught.getMessage());
            unavailable.initCause(caught);
        }
        throw unavailable;
    }

    /**
     * The first step of a payment API call: while the provider's breaker is open, answer the 503 at once, before reading
     * the order or the idempotency key (the breaker EIP would refuse the call anyway, only later). Half-open lets the
     * call through to the EIP, which admits the trial calls.
     */
    public void failFast(Exchange exchange, String provider) {
        CircuitBreaker.State state = breakers.get(provider).getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
            unavailable(exchange, provider);
        }
    }

    /** A provider's refusal (an ApiException below 500) is an answer and doesn't count against the breaker. */
    static boolean isAnswer(Throwable failure) {
        ApiException api = ObjectHelper.getException(ApiException.class, failure);
        return api != null && api.status() < 500;
    }

    static double stateValue(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case HALF_OPEN -> 1;
            case OPEN, FORCED_OPEN -> 2;
        };
    }
}
