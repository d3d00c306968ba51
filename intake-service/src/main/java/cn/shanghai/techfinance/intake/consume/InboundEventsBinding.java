package cn.shanghai.techfinance.intake.consume;

import cn.shanghai.techfinance.consumer.BatchFailures;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import java.time.Clock;
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
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.util.unit.DataSize;

/**
 * The Spring Cloud Stream binding {@code intake-in-0}: every bank and insurer topic (by pattern, so a new bank
 * needs no redeploy) and the credit platform's, consumed in batches. application.yml holds the
 * binding's properties.
 */
@Configuration
public class InboundEventsBinding {

    @Bean
    public Consumer<Message<List<byte[]>>> intake(IntakeProcessor processor) {
        return message -> BatchFailures.process(records(message), processor::process);
    }

    /**
     * Bad input is rejected, not thrown, so a failure here is the database or broker being away
     * (the batch is retried with backoff for as long as it takes, never skipped) or a record that
     * fails on its own (retried for {@code record-retry-window}, then dead-lettered and rejected to
     * its bank as INTERNAL, and the records after it go on).
     */
    @Bean
    public ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> retryOrSetAside(IntakeProcessor processor,
            @Value("${intake.consume.retry-max-interval:30s}") Duration maxInterval,
            @Value("${intake.consume.record-retry-window:10s}") Duration recordRetryWindow) {
        BiConsumer<ConsumerRecord<?, ?>, Throwable> deadLetters = (record, failure) -> processor.deadLetter(
                new InboundRecord(record.topic(), record.partition(), record.offset(), (byte[]) record.key(), (byte[]) record.value()), failure);
        return (container, destination, group) ->
                container.setCommonErrorHandler(BatchFailures.errorHandler(deadLetters, maxInterval, recordRetryWindow));
    }

    /**
     * The contract's codec with intake's limits: a record over {@code max-event-bytes} is rejected
     * unread ({@code TOO_LARGE}), one nesting deeper than {@code max-nesting-depth} is read no
     * further than that ({@code TOO_DEEP}); neither can exhaust memory or stack. The size limit
     * stays well below the broker's record limit (1 MiB), which refuses larger records at the producer.
     */
    @Bean
    public BankEventCodec bankEventCodec(@Value("${intake.limits.max-event-bytes:256KB}") DataSize maxEventBytes,
                                         @Value("${intake.limits.max-nesting-depth:64}") int maxNestingDepth) {
        return new BankEventCodec(Math.toIntExact(maxEventBytes.toBytes()), maxNestingDepth);
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * In batch mode the headers hold one list per header, in the order of the payloads. A record
     * without a value arrives as {@link KafkaNull}, whatever the list's declared type.
     */
    @SuppressWarnings("unchecked")
    static List<InboundRecord> records(Message<List<byte[]>> message) {
        List<?> values = message.getPayload();
        List<String> topics = (List<String>) message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        List<Integer> partitions = (List<Integer>) message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        List<Long> offsets = (List<Long>) message.getHeaders().get(KafkaHeaders.OFFSET);
        List<?> keys = (List<?>) message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        List<InboundRecord> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            records.add(new InboundRecord(topics.get(i), partitions.get(i), offsets.get(i),
                    keys != null && keys.get(i) instanceof byte[] key ? key : null, values.get(i) instanceof byte[] value ? value : null));
        }
        return records;
    }
}
