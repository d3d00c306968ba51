package cn.shanghai.techfinance.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which calls spend a delivery's retry budget: those the closed breaker lets through, and the
 * half-open breaker's trials that get an answer, not those that reach nothing. Found by reliability/run.sh: a bank's webhook down for 3 minutes
 * parked the two deliveries that were its trials in every half-open window (6 calls each).
 */
class OutboundResilienceTest {

    private static final String ENDPOINT = Channel.WEBHOOK.endpoint("TRIAL-SH");
    private static final Runnable DOWN = () -> {
        throw new EndpointUnavailable("unreachable", new ConnectException("Connection refused"));
    };
    private static final Runnable FAILING = () -> {
        throw new EndpointUnavailable("answered HTTP 500");
    };

    // the shape of application.yml's webhook configs, with waits shortened
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(Map.of("webhook", CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED).slidingWindowSize(20).minimumNumberOfCalls(5)
            .failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(1)).permittedNumberOfCallsInHalfOpenState(2)
            .recordExceptions(EndpointUnavailable.class).build()));
    private final OutboundResilience resilience = new OutboundResilience(
            RetryRegistry.of(Map.of("webhook", RetryConfig.custom().maxAttempts(6).waitDuration(Duration.ofMillis(1))
                    .retryExceptions(EndpointUnavailable.class).build())),
            breakers,
            RateLimiterRegistry.of(Map.of("webhook", RateLimiterConfig.custom().limitForPeriod(100)
                    .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(1)).build())),
            BulkheadRegistry.of(Map.of("webhook", BulkheadConfig.custom().maxConcurrentCalls(4).build())),
            new DeliveryMetrics(new SimpleMeterRegistry(), breakers));

    @Test
    void callsTheClosedBreakerLetsThroughSpendTheBudget() {
        OutboundResilience.Calls calls = resilience.run(Channel.WEBHOOK, new ChannelSender.OutboundCall(ENDPOINT, DOWN));

        // five failures open the breaker, which refuses the retry's sixth call
        assertThat(calls.made()).isEqualTo(5);
        assertThat(calls.spent()).isEqualTo(5);
        assertThat(breakers.circuitBreaker(ENDPOINT, "webhook").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void aTrialAnsweredWithAFailureSpendsTheBudget() {
        breakers.circuitBreaker(ENDPOINT, "webhook").transitionToOpenState();
        breakers.circuitBreaker(ENDPOINT, "webhook").transitionToHalfOpenState();

        OutboundResilience.Calls calls = resilience.run(Channel.WEBHOOK, new ChannelSender.OutboundCall(ENDPOINT, FAILING));
        assertThat(calls.made()).isEqualTo(2);
        assertThat(calls.spent()).as("the endpoint is up and fails: its deliveries are parked in the end").isEqualTo(2);
    }

    @Test
    void aTrialOfTheHalfOpenBreakerThatReachesNothingSpendsNothing() {
        breakers.circuitBreaker(ENDPOINT, "webhook").transitionToOpenState();
        breakers.circuitBreaker(ENDPOINT, "webhook").transitionToHalfOpenState();

        OutboundResilience.Calls first = resilience.run(Channel.WEBHOOK, new ChannelSender.OutboundCall(ENDPOINT, DOWN));
        assertThat(first.made()).as("the trial, then its retries while half-open").isEqualTo(2);
        assertThat(first.spent()).isZero();
        assertThat(first.failure()).isNotNull();
        assertThat(breakers.circuitBreaker(ENDPOINT, "webhook").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        breakers.circuitBreaker(ENDPOINT, "webhook").transitionToHalfOpenState();
        OutboundResilience.Calls back = resilience.run(Channel.WEBHOOK, new ChannelSender.OutboundCall(ENDPOINT, () -> { }));
        assertThat(back.failure()).isNull();
        assertThat(back.made()).isEqualTo(1);
    }
}
