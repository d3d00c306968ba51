package cn.shanghai.techfinance.notifier.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Spring Cloud Stream bindings {@code outcomes-in-0} (tf.intake.outcomes.v1) and
 * {@code claims-in-0} (tf.subsidy.claims.v1), consumed in batches; application.yml holds their
 * properties.
 */
@Configuration
public class InboundBindings {

    @Bean
    public Consumer<Message<List<byte[]>>> outcomes(NotificationIntake intake) {
        return message -> intake.takeOutcomes(records(message));
    }

    @Bean
    public Consumer<Message<List<byte[]>>> claims(NotificationIntake intake) {
        return message -> intake.takeClaims(records(message));
    }

    /**
     * A failure here is never bad input (that is kept aside, not thrown) but the database being
     * away: retry the same batch with backoff for as long as it takes; its offsets are not
     * committed meanwhile, so nothing owed is ever skipped.
     */
    @Bean
    public ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> retryBatchesUntilRecorded(
            @Value("${notifier.consume.retry-max-interval:30s}") Duration maxInterval) {
        return (container, destination, group) -> {
            ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
            backOff.setMaxInterval(maxInterval.toMillis());
            backOff.setMaxElapsedTime(Long.MAX_VALUE);
            container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        };
    }

    /** In batch mode the headers hold one list per header, in the order of the payloads. */
    @SuppressWarnings("unchecked")
    static List<ConsumedRecord> records(Message<List<byte[]>> message) {
        List<byte[]> values = message.getPayload();
        List<String> topics = (List<String>) message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        List<Integer> partitions = (List<Integer>) message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        List<Long> offsets = (List<Long>) message.getHeaders().get(KafkaHeaders.OFFSET);
        List<ConsumedRecord> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            records.add(new ConsumedRecord(topics.get(i), partitions.get(i), offsets.get(i), values.get(i)));
        }
        return records;
    }
}
