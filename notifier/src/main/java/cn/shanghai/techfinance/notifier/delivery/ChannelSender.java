package cn.shanghai.techfinance.notifier.delivery;

import java.util.Optional;

/** Sends the deliveries of one channel. */
public interface ChannelSender {

    Channel channel();

    /**
     * The outbound call that sends {@code delivery}, or empty when its recipient has no address
     * registered. Throws {@link DeliveryRejected} for a delivery that can never be sent.
     */
    Optional<OutboundCall> prepare(DueDelivery delivery);

    /**
     * One call to one endpoint. {@code endpoint} names the endpoint's circuit breaker, rate limiter
     * and bulkhead (e.g. {@code webhook-ICBC-SH}); {@code permits}: what it takes of the rate limit
     * (the deliveries it sends); {@code send} throws {@link EndpointUnavailable} or
     * {@link DeliveryRejected} when it fails.
     */
    record OutboundCall(String endpoint, int permits, Runnable send) {

        public OutboundCall(String endpoint, Runnable send) {
            this(endpoint, 1, send);
        }
    }
}
