package cn.shanghai.techfinance.outbox;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The transactional outbox of a service: its tables ({@link OutboxSchema}, migrated while the
 * context starts, after the service's own migrations and before anything can append),
 * {@link Outbox} to append records inside a transaction, {@link OutboxRelay} to send them after
 * commit (woken by the commit) on a lifecycle-managed thread of its own (no {@code @EnableScheduling} imposed on the
 * application). The service keeps its own migrations in a folder of their own (not Flyway's default
 * {@code db/migration}, which would also find the outbox's). Settings: {@code outbox.poll-interval},
 * {@code outbox.rows-per-round}, {@code outbox.records-per-round}, {@code outbox.send-timeout}, {@code outbox.lease}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
public class OutboxAutoConfiguration {

    @Bean(initMethod = "migrate")
    @DependsOnDatabaseInitialization
    public OutboxSchema outboxSchema(JdbcTemplate jdbc) {
        return new OutboxSchema(jdbc.getDataSource());
    }

    /** Wakes this service's relay after each commit that appended: its records need not wait for the next poll. */
    @Bean
    @DependsOn("outboxSchema")
    public Outbox outbox(JdbcTemplate jdbc, OutboxRelay outboxRelay) {
        return new Outbox(jdbc, outboxRelay::wake);
    }

    @Bean
    @DependsOn("outboxSchema")
    public OutboxRelay outboxRelay(JdbcTemplate jdbc, KafkaTemplate<byte[], byte[]> kafka, PlatformTransactionManager transactionManager,
                                   @Value("${outbox.rows-per-round:20}") int rowsPerRound,
                                   @Value("${outbox.records-per-round:20000}") int recordsPerRound,
                                   @Value("${outbox.send-timeout:30s}") Duration sendTimeout,
                                   @Value("${outbox.lease:60s}") Duration lease,
                                   @Value("${outbox.poll-interval:100ms}") Duration pollInterval) {
        return new OutboxRelay(jdbc, kafka, transactionManager, rowsPerRound, recordsPerRound, sendTimeout, lease,
                pollInterval);
    }
}
