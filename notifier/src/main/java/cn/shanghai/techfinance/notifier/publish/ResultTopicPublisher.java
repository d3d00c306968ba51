package cn.shanghai.techfinance.notifier.publish;

import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.results.BankResult;
import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.BatchChannelSender;
import cn.shanghai.techfinance.notifier.delivery.DeliveryRejected;
import cn.shanghai.techfinance.notifier.delivery.DueDelivery;
import cn.shanghai.techfinance.notifier.delivery.EndpointUnavailable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a bank's results on {@code tf.bank.<bankCode>.results.v1}, an insurer's on
 * {@code tf.insurer.<insurerCode>.results.v1} (科技保险, {@link cn.shanghai.techfinance.contracts.results.ResultData#toInsurer}): the result JSON as the
 * value (CloudEvents structured mode), its subject as the key. Delivered once the broker
 * acknowledged the record (acks=all); parked at once if the bank has no results topic, or no ACL
 * for the notifier on it (not onboarded). A lane's batch goes to the one producer in ledger order
 * and is awaited together: the producer sends it in as few requests as it can, and with
 * idempotence keeps each partition in the order sent.
 */
@Component
public class ResultTopicPublisher implements BatchChannelSender {

    private static final byte[] CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8);

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final Duration ackTimeout;

    public ResultTopicPublisher(KafkaTemplate<byte[], byte[]> kafka,
                                @Value("${notifier.kafka.ack-timeout:15s}") Duration ackTimeout) {
        this.kafka = kafka;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public Channel channel() {
        return Channel.KAFKA;
    }

    /** One endpoint for every bank: the cluster. */
    @Override
    public String endpoint(String recipient) {
        return Channel.KAFKA.configName();
    }

    @Override
    public Duration answerTimeout() {
        return ackTimeout;
    }

    @Override
    public CompletableFuture<?> start(DueDelivery delivery) {
        BankResult result = delivery.result();
        String topic = result.data().toInsurer() ? Topics.insurerResults(delivery.recipient()) : Topics.bankResults(delivery.recipient());
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, result.subject().getBytes(StandardCharsets.UTF_8), delivery.payload());
        record.headers().add(new RecordHeader("content-type", CONTENT_TYPE));
        CompletableFuture<?> sent;
        try {
            sent = kafka.send(record);
        } catch (KafkaException | org.springframework.kafka.KafkaException e) {
            return CompletableFuture.failedFuture(refusedOrUnavailable(record, "Kafka did not take the result for " + record.topic(), e));
        }
        return sent.exceptionallyCompose(e -> CompletableFuture.failedFuture(
                refusedOrUnavailable(record, "Kafka did not acknowledge the result on " + record.topic(), e)));
    }

    /**
     * The broker saying the bank's results topic does not exist (it was not provisioned when the bank
     * joined; brokers create no topic on first use) is an answer, not an outage: retrying cannot
     * help, so the delivery is parked at once for an officer to redeliver once the topic exists.
     * On a cluster with ACLs a bank that was never onboarded has no ACL for the notifier either, and
     * the broker does not even say whether the topic exists (no DESCRIBE): refused, not authorized —
     * the same answer, parked the same way. Anything else may pass: the broker away, a leader moving.
     */
    private static RuntimeException refusedOrUnavailable(ProducerRecord<byte[], byte[]> record, String message, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownTopicOrPartitionException) {
                return new DeliveryRejected("topic " + record.topic() + " does not exist: create the bank's or insurer's topics"
                        + " (README, Kafka topics), then redeliver", failure);
            }
            if (cause instanceof TopicAuthorizationException) {
                return new DeliveryRejected("the notifier may not write " + record.topic() + ": onboard the bank or insurer (its topics"
                        + " and ACLs), then redeliver", failure);
            }
        }
        return new EndpointUnavailable(message, failure);
    }
}
