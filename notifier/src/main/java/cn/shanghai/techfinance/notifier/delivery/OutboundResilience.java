package cn.shanghai.techfinance.notifier.delivery;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * resilience4j around every outbound call, per endpoint (one bank's webhook, the SMTP server, the
 * Kafka cluster), configured per channel in application.yml ({@code resilience4j.*.configs.<channel>}):
 * <pre>
 * Retry( CircuitBreaker( RateLimiter( Bulkhead( call ))))
 * </pre>
 * Retry backs off exponentially with jitter and retries only {@link EndpointUnavailable}; the
 * circuit breaker counts only those as failures. An open breaker, a full bulkhead or a rate
 * limit reached make no call and are not retried here: the dispatcher puts the delivery back for
 * later, and they do not spend its retry budget. Nor does a call that reaches nothing
 * ({@link EndpointUnavailable#unreachable}: refused, no route, no answer in time): it says the
 * endpoint is away, not that this delivery fails. Were it to spend, an endpoint away for longer than
 * one dispatch's retries (about half a minute) would park the deliveries in flight — all of a
 * batch's, for the Kafka cluster — while its breaker, closed on a history of successes, still let
 * them through; the breaker still counts it, so an endpoint away for long gets trial calls only. A
 * call answered with a failure (HTTP 500) spends it: an endpoint that is up and keeps failing gets
 * its deliveries parked for an officer.
 */
@Component
public class OutboundResilience {

    private final RetryRegistry retries;
    private final CircuitBreakerRegistry breakers;
    private final RateLimiterRegistry limiters;
    private final BulkheadRegistry bulkheads;
    private final DeliveryMetrics metrics;

    public OutboundResilience(RetryRegistry retries, CircuitBreakerRegistry breakers, RateLimiterRegistry limiters,
                              BulkheadRegistry bulkheads, DeliveryMetrics metrics) {
        this.retries = retries;
        this.breakers = breakers;
        this.limiters = limiters;
        this.bulkheads = bulkheads;
        this.metrics = metrics;
    }

    /** Calls that may fail on a delivery before it is parked: the channel's retry max-attempts. */
    public int budget(Channel channel) {
        return retries.getConfiguration(channel.configName())
                .orElseThrow(() -> new IllegalStateException("no resilience4j.retry.configs." + channel.configName()))
                .getMaxAttempts();
    }

    /** Makes the call; returns how many calls reached the endpoint, and why it failed if it did. */
    public Calls run(Channel channel, ChannelSender.OutboundCall call) {
        String config = channel.configName();
        String endpoint = call.endpoint();
        AtomicInteger made = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger(); // calls that reached nothing
        AtomicReference<RuntimeException> endpointFailure = new AtomicReference<>();
        CircuitBreaker breaker = breakers.circuitBreaker(endpoint, config);
        Runnable counted = () -> {
            made.incrementAndGet();
            try {
                call.send().run();
            } catch (RuntimeException e) {
                metrics.failed(channel);
                endpointFailure.set(e);
                if (e instanceof EndpointUnavailable unavailable && unavailable.unreachable()) {
                    unanswered.incrementAndGet();
                }
                throw e;
            }
        };
        try {
            Runnable guarded = Bulkhead.decorateRunnable(bulkheads.bulkhead(endpoint, config), counted);
            guarded = RateLimiter.decorateRunnable(limiters.rateLimiter(endpoint, config), call.permits(), guarded);
            guarded = CircuitBreaker.decorateRunnable(breaker, guarded);
            Retry.decorateRunnable(retries.retry(endpoint, config), guarded).run();
            return new Calls(made.get(), made.get(), null, null);
        } catch (RuntimeException e) {
            return new Calls(made.get(), made.get() - unanswered.get(), e, endpointFailure.get());
        }
    }

    /**
     * The calls made for one dispatch, and of them those that spend the delivery's retry budget
     * (all but those that reached nothing). {@code failure}: why it ended undelivered
     * (null: delivered), which may be the breaker or bulkhead refusing; {@code endpointFailure}: the
     * last failure of the endpoint itself in this dispatch, the one worth telling an officer.
     */
    public record Calls(int made, int spent, RuntimeException failure, RuntimeException endpointFailure) {

        RuntimeException reason() {
            return endpointFailure != null ? endpointFailure : failure;
        }
    }
}
