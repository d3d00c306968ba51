package cn.shanghai.techfinance.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A batch's calls spend a delivery's retry budget only when its answer was a failure: a record the
 * broker never acknowledged in time (the cluster away) spends nothing, so a broker down for minutes
 * parks no batch of results.
 */
class DeliveryBatchTest {

    private static final DueDelivery UNANSWERED = delivery(1);
    private static final DueDelivery FAILED = delivery(2);
    private static final DueDelivery ACCEPTED = delivery(3);

    /** The Kafka channel's shape: one future per record; here one never completes, one fails with an answer, one is taken. */
    private static final BatchChannelSender CLUSTER = new BatchChannelSender() {
        private final Map<Long, CompletableFuture<?>> answers = Map.of(
                UNANSWERED.id(), new CompletableFuture<>(),
                FAILED.id(), CompletableFuture.failedFuture(new EndpointUnavailable("NOT_ENOUGH_REPLICAS")),
                ACCEPTED.id(), CompletableFuture.completedFuture(null));

        @Override
        public Channel channel() {
            return Channel.KAFKA;
        }

        @Override
        public String endpoint(String recipient) {
            return Channel.KAFKA.configName();
        }

        @Override
        public CompletableFuture<?> start(DueDelivery delivery) {
            return answers.get(delivery.id());
        }

        @Override
        public Duration answerTimeout() {
            return Duration.ofMillis(50);
        }
    };

    @Test
    void onlyAFailureAnsweredSpendsTheBudget() {
        DeliveryBatch batch = new DeliveryBatch(CLUSTER, List.of(UNANSWERED, FAILED, ACCEPTED));

        assertThatThrownBy(batch::call).isInstanceOf(EndpointUnavailable.class);
        assertThatThrownBy(batch::call).isInstanceOf(EndpointUnavailable.class);

        assertThat(batch.accepted()).containsExactly(ACCEPTED);
        assertThat(batch.notAccepted()).containsExactly(UNANSWERED, FAILED);
        assertThat(batch.calls(UNANSWERED)).isEqualTo(2);
        assertThat(batch.spent(UNANSWERED)).as("no answer within the wait: the cluster away").isZero();
        assertThat(batch.failure(UNANSWERED)).hasMessageContaining("no answer within");
        assertThat(batch.calls(FAILED)).isEqualTo(2);
        assertThat(batch.spent(FAILED)).as("answered with a failure, each time").isEqualTo(2);
        assertThat(batch.calls(ACCEPTED)).as("accepted at the first call, not sent again").isEqualTo(1);
    }

    private static DueDelivery delivery(long id) {
        return new DueDelivery(id, "BATCH-SH", Channel.KAFKA, "event/b" + id, new byte[0], 0, Instant.EPOCH);
    }
}
