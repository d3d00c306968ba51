package cn.shanghai.techfinance.notifier.publish;

import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.ChannelSender;
import cn.shanghai.techfinance.notifier.delivery.DeliveryRejected;
import cn.shanghai.techfinance.notifier.delivery.DueDelivery;
import cn.shanghai.techfinance.notifier.delivery.EndpointUnavailable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a bank's results on {@code tf.bank.<bankCode>.results.v1}: the result JSON as the
 * value (CloudEvents structured mode), its subject as the key. Delivered once the broker
 * acknowledged the record (acks=all); parked at once if the bank has no results topic, or no ACL
 * for the notifier on it (not onboarded).
 */
@Component
public class ResultTopicPublisher implements ChannelSender {

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

    @Override
    public Optional<OutboundCall> prepare(DueDelivery delivery) {
        String subject = delivery.result().subject();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.bankResults(delivery.recipient()),
                subject.getBytes(StandardCharsets.UTF_8), delivery.payload());
        record.headers().add(new RecordHeader("content-type", CONTENT_TYPE));
        return Optional.of(new OutboundCall(Channel.KAFKA.configName(), () -> publish(record)));
    }

    private void publish(ProducerRecord<byte[], byte[]> record) {
        try {
            kafka.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KafkaException | org.springframework.kafka.KafkaException e) {
            throw refusedOrUnavailable(record, "Kafka did not take the result for " + record.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointUnavailable("interrupted while publishing to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw refusedOrUnavailable(record, "Kafka did not acknowledge the result on " + record.topic(), e);
        }
    }

    /**
     * The broker saying the bank's results topic does not exist (it was not provisioned when the bank
     * joined; brokers create no topic on first use) is an answer, not an outage: retrying cannot
     * help, so the delivery is parked at once for an officer to redeliver once the topic exists.
     * On a cluster with ACLs a bank that was never onboarded has no ACL for the notifier either, and
     * the broker does not even say whether the topic exists (no DESCRIBE): refused, not authorized —
     * the same answer, parked the same way. Anything else may pass: the broker away, a leader moving.
     */
    private static RuntimeException refusedOrUnavailable(ProducerRecord<byte[], byte[]> record, String message, Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownTopicOrPartitionException) {
                return new DeliveryRejected("topic " + record.topic() + " does not exist: create the bank's topics"
                        + " (README, Kafka topics), then redeliver", failure);
            }
            if (cause instanceof TopicAuthorizationException) {
                return new DeliveryRejected("the notifier may not write " + record.topic() + ": onboard the bank (its topics"
                        + " and ACLs), then redeliver", failure);
            }
        }
        return new EndpointUnavailable(message, failure);
    }
}
