package cn.shanghai.techfinance.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the deliveries of one channel a lane's batch at a time: each delivery started on its own,
 * in ledger order, and the answers of all awaited together (the Kafka channel: one producer sends
 * them in as few requests as it can).
 */
public interface BatchChannelSender {

    Channel channel();

    /** The endpoint the recipient's deliveries go through: it names their circuit breaker, rate limiter and bulkhead. */
    String endpoint(String recipient);

    /**
     * Starts sending one delivery; the future completes when the recipient's side accepted it, or
     * fails with {@link EndpointUnavailable} or {@link DeliveryRejected}. Throws
     * {@link DeliveryRejected} for a delivery that can never be sent.
     */
    CompletableFuture<?> start(DueDelivery delivery);

    /** How long one call waits for the answers to all it started. */
    Duration answerTimeout();
}
