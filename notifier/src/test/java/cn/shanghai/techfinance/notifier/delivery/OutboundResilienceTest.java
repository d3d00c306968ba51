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
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/**
 * Which calls spend a delivery's retry budget: those answered with a failure, whatever the breaker's
 * state, not those that reach nothing. Found by reliability/run.sh: a bank's webhook down for 3
 * minutes parked the two deliveries that were its half-open breaker's trials in every window (6 calls
 * each); and an endpoint with a history of successes, its breaker closed for a whole dispatch, parked
 * the delivery in flight after its six retries, about half a minute into the outage.
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
    void callsAnsweredWithAFailureSpendTheBudget() {
        OutboundResilience.Calls calls = resilience.run(Channel.WEBHOOK, new ChannelSender.OutboundCall(ENDPOINT, FAILING));

        // five failures open the breaker, which refuses the retry's sixth call
        assertThat(calls.made()).isEqualTo(5);
        assertThat(calls.spent()).isEqualTo(5);
        assertThat(breakers.circuitBreaker(ENDPOINT, "webhook").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void callsThatReachNothingSpendNothingWhileAHistoryOfSuccessesKeepsTheBreakerClosed() {
        for (int i = 0; i < 15; i++) {
            assertThat(resilience.run(Channel.WEBHOOK, new ChannelSender.OutboundCall(ENDPOINT, () -> { })).failure()).isNull();
        }

        OutboundResilience.Calls calls = resilience.run(Channel.WEBHOOK, new ChannelSender.OutboundCall(ENDPOINT, DOWN));
        assertThat(calls.made()).as("the retry's six calls, 6 failures of 20 not enough to open the breaker").isEqualTo(6);
        assertThat(breakers.circuitBreaker(ENDPOINT, "webhook").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(calls.spent()).as("spent, they would park the delivery now").isZero();
        assertThat(calls.failure()).isNotNull();
    }

    @Test
    void anAnswerThatNeverCameReachedNothing() {
        assertThat(new EndpointUnavailable("no answer within PT15S", new TimeoutException()).unreachable()).isTrue();
        assertThat(new EndpointUnavailable("Kafka did not acknowledge", new KafkaException(
                new org.apache.kafka.common.errors.TimeoutException("Expiring 12 record(s)"))).unreachable()).isTrue();
        assertThat(new EndpointUnavailable("webhook unreachable", new HttpTimeoutException("request timed out")).unreachable()).isTrue();
        assertThat(new EndpointUnavailable("answered HTTP 503").unreachable()).isFalse();
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
