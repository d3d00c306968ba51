package cn.shanghai.techfinance.notifier.consume;

import cn.shanghai.techfinance.consumer.BatchFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The Spring Cloud Stream bindings {@code outcomes-in-0} (tf.intake.outcomes.v1) and
 * {@code claims-in-0} (tf.subsidy.claims.v1), consumed in batches; application.yml holds their
 * properties.
 */
@Configuration
public class InboundBindings {

    @Bean
    public Consumer<Message<List<byte[]>>> outcomes(NotificationIntake intake) {
        return message -> BatchFailures.process(records(message), intake::takeOutcomes);
    }

    @Bean
    public Consumer<Message<List<byte[]>>> claims(NotificationIntake intake) {
        return message -> BatchFailures.process(records(message), intake::takeClaims);
    }

    /**
     * Unreadable input is kept aside, not thrown, so a failure here is the database being away (the
     * same batch is retried with backoff for as long as it takes, its offsets not committed, so
     * nothing owed is ever skipped) or a record that fails on its own (retried for
     * {@code record-retry-window}, then dead-lettered, and the records after it go on).
     */
    @Bean
    public ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> retryOrSetAside(NotificationIntake intake,
            @Value("${notifier.consume.retry-max-interval:30s}") Duration maxInterval,
            @Value("${notifier.consume.record-retry-window:10s}") Duration recordRetryWindow) {
        BiConsumer<ConsumerRecord<?, ?>, Throwable> deadLetters = (record, failure) -> intake.deadLetter(
                new ConsumedRecord(record.topic(), record.partition(), record.offset(), (byte[]) record.key(), (byte[]) record.value()), failure);
        return (container, destination, group) ->
                container.setCommonErrorHandler(BatchFailures.errorHandler(deadLetters, maxInterval, recordRetryWindow));
    }

    /** In batch mode the headers hold one list per header, in the order of the payloads. */
    @SuppressWarnings("unchecked")
    static List<ConsumedRecord> records(Message<List<byte[]>> message) {
        List<byte[]> values = message.getPayload();
        List<String> topics = (List<String>) message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        List<Integer> partitions = (List<Integer>) message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        List<Long> offsets = (List<Long>) message.getHeaders().get(KafkaHeaders.OFFSET);
        List<byte[]> keys = (List<byte[]>) message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        List<ConsumedRecord> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            records.add(new ConsumedRecord(topics.get(i), partitions.get(i), offsets.get(i), keys == null ? null : keys.get(i),
                    values.get(i)));
        }
        return records;
    }
}
