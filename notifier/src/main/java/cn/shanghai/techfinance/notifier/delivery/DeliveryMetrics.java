package cn.shanghai.techfinance.notifier.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Per channel: deliveries sent and parked, outbound calls that failed
 * ({@code notifier.deliveries{channel,outcome}}), and how many of the channel's endpoints have
 * their circuit breaker not closed ({@code notifier.circuits.open{channel}}); and the dispatcher's
 * rounds with the deliveries each leased ({@code notifier.dispatch.leased}: a count that stops
 * growing is a dispatcher that stopped). resilience4j's own meters add the state of each
 * endpoint's breaker ({@code resilience4j.circuitbreaker.state}).
 */
@Component
public class DeliveryMetrics {

    private final Map<Channel, Counter> sent = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> failed = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> parked = new EnumMap<>(Channel.class);
    private final DistributionSummary leased;

    public DeliveryMetrics(MeterRegistry registry, CircuitBreakerRegistry breakers) {
        leased = DistributionSummary.builder("notifier.dispatch.leased").baseUnit("deliveries")
                .description("Deliveries leased by each dispatch round").register(registry);
        for (Channel channel : Channel.values()) {
            sent.put(channel, counter(registry, channel, "sent", "Deliveries accepted by the recipient's side"));
            failed.put(channel, counter(registry, channel, "failed", "Outbound calls that failed (each retry counts)"));
            parked.put(channel, counter(registry, channel, "parked", "Deliveries parked for an officer"));
            Gauge.builder("notifier.circuits.open", breakers, b -> notClosed(b, channel))
                    .tag("channel", channel.name())
                    .description("Endpoints of the channel whose circuit breaker is open or half-open")
                    .register(registry);
        }
    }

    private static Counter counter(MeterRegistry registry, Channel channel, String outcome, String description) {
        return Counter.builder("notifier.deliveries").tag("channel", channel.name()).tag("outcome", outcome)
                .description(description).register(registry);
    }

    private static double notClosed(CircuitBreakerRegistry breakers, Channel channel) {
        return breakers.getAllCircuitBreakers().stream()
                .filter(b -> channel.owns(b.getName()))
                .filter(b -> b.getState() != CircuitBreaker.State.CLOSED && b.getState() != CircuitBreaker.State.DISABLED
                        && b.getState() != CircuitBreaker.State.METRICS_ONLY)
                .count();
    }

    void sent(Channel channel, int deliveries) {
        sent.get(channel).increment(deliveries);
    }

    void failed(Channel channel) {
        failed.get(channel).increment();
    }

    void parked(Channel channel, int deliveries) {
        parked.get(channel).increment(deliveries);
    }

    void leased(int deliveries) {
        leased.record(deliveries);
    }
}
