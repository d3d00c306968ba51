package cn.shanghai.techfinance.intake.consume;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Spring Cloud Stream binding {@code intake-in-0}: every bank topic (by pattern, so a new bank
 * needs no redeploy) and the credit platform's, consumed in batches. application.yml holds the
 * binding's properties.
 */
@Configuration
public class InboundEventsBinding {

    @Bean
    public Consumer<Message<List<byte[]>>> intake(IntakeProcessor processor) {
        return message -> processor.process(records(message));
    }

    /**
     * A failure here is never bad input (that is rejected, not thrown) but the database or broker
     * being away: retry the same batch with backoff for as long as it takes, never skip it.
     */
    @Bean
    public ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> retryBatchesUntilStored() {
        return (container, destination, group) -> {
            ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
            backOff.setMaxInterval(30_000);
            backOff.setMaxElapsedTime(Long.MAX_VALUE);
            container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        };
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** In batch mode the headers hold one list per header, in the order of the payloads. */
    @SuppressWarnings("unchecked")
    static List<InboundRecord> records(Message<List<byte[]>> message) {
        List<byte[]> values = message.getPayload();
        List<String> topics = (List<String>) message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        List<Integer> partitions = (List<Integer>) message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        List<Long> offsets = (List<Long>) message.getHeaders().get(KafkaHeaders.OFFSET);
        List<byte[]> keys = (List<byte[]>) message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        List<InboundRecord> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            records.add(new InboundRecord(topics.get(i), partitions.get(i), offsets.get(i),
                    keys == null ? null : keys.get(i), values.get(i)));
        }
        return records;
    }
}
