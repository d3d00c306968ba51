package cn.shanghai.techfinance.notifier.publish;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.contracts.results.BankResult;
import cn.shanghai.techfinance.contracts.results.EventDecided;
import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.DeliveryRejected;
import cn.shanghai.techfinance.notifier.delivery.DueDelivery;
import cn.shanghai.techfinance.notifier.delivery.EndpointUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * How the publisher tells the broker's refusals from its absence. The broker's side — that a
 * principal without an ACL on a bank's results topic is refused with a TopicAuthorizationException
 * at once — is shown against a real broker with the authorizer on (deploy/local KafkaAclTest).
 */
class ResultTopicPublisherTest {

    private static final String BANK = "NEW-SH";

    @Test
    void aBankTheNotifierMayNotWriteToIsRefusedForGoodNotRetried() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        producer.sendException = new TopicAuthorizationException(Set.of(Topics.bankResults(BANK)));

        assertThat(publish(producer))
                .isInstanceOf(DeliveryRejected.class)
                .hasMessageContaining("may not write tf.bank.NEW-SH.results.v1: onboard the bank");
    }

    @Test
    void aBrokerThatIsAwayIsRetried() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        producer.sendException = new NetworkException("connection refused");

        assertThat(publish(producer)).isInstanceOf(EndpointUnavailable.class);
    }

    /** Publishes one result; returns why it failed. */
    private static Throwable publish(MockProducer<byte[], byte[]> producer) {
        ResultTopicPublisher publisher = new ResultTopicPublisher(new KafkaTemplate<>(() -> producer), Duration.ofSeconds(5));
        IntakeOutcome outcome = new IntakeOutcome("e1", EventSource.bank(BANK), BANK, "loan.applied.v1", IntakeOutcome.Status.ACCEPTED,
                List.of(), Topics.bankEvents(BANK), 0, 1L, Instant.parse("2025-10-01T01:00:00Z"));
        byte[] payload = ContractJson.write(BankResult.of(EventDecided.of(outcome), outcome.decidedAt()));
        DueDelivery delivery = new DueDelivery(1, BANK, Channel.KAFKA, "event/e1", payload, 0, Instant.now().plusSeconds(60));
        return publisher.start(delivery).handle((acknowledged, failure) -> failure).join();
    }
}
