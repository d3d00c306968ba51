package cn.shanghai.techfinance.outbox;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox of a service: {@link Outbox} to append records inside a transaction,
 * {@link OutboxRelay} to send them after commit. Settings: {@code outbox.poll-interval},
 * {@code outbox.rows-per-round}, {@code outbox.send-timeout}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
@EnableScheduling
public class OutboxAutoConfiguration {

    @Bean
    public Outbox outbox(JdbcTemplate jdbc) {
        return new Outbox(jdbc);
    }

    @Bean
    public OutboxRelay outboxRelay(JdbcTemplate jdbc, KafkaTemplate<byte[], byte[]> kafka, TransactionTemplate transaction,
                                   @Value("${outbox.rows-per-round:20}") int rowsPerRound,
                                   @Value("${outbox.send-timeout:30s}") Duration sendTimeout) {
        return new OutboxRelay(jdbc, kafka, transaction, rowsPerRound, sendTimeout);
    }
}
