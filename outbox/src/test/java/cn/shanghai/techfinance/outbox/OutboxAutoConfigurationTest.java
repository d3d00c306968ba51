package cn.shanghai.techfinance.outbox;

import static cn.shanghai.techfinance.outbox.OutboxTestbed.awaitRecords;
import static cn.shanghai.techfinance.outbox.OutboxTestbed.record;
import static cn.shanghai.techfinance.outbox.OutboxTestbed.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.infra.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.config.TaskManagementConfigUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox as a service gets it from its auto-configuration: its tables migrated with a history
 * of their own after the service's migrations, and a relay on a thread of its own that starts and
 * stops with the application.
 */
class OutboxAutoConfigurationTest {

    /** A service with Boot's DataSource, Flyway (its own migrations, its own history table) and Kafka. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Service {
    }

    @Test
    void migratesItsTablesWithAHistoryOfTheirOwnAfterTheServicesMigrationsOnceOnly() {
        String schema = "outbox_autoconfig_migration_it";
        try (ConfigurableApplicationContext context = start(schema)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("SELECT version FROM service_schema_history WHERE success", String.class))
                    .containsExactly("1");
            // a baseline at 0: the service's tables were there when the outbox's migrations ran
            assertThat(history(jdbc)).containsExactly("0 BASELINE", "1 SQL");
            assertThat(jdbc.queryForList("SELECT column_name FROM information_schema.columns"
                    + " WHERE table_schema = DATABASE() AND table_name = 'outbox_batch' ORDER BY ordinal_position", String.class))
                    .containsExactly("id", "records", "record_count", "created_at", "lease_owner", "lease_until");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_parked", Integer.class)).isZero();
        }
        try (ConfigurableApplicationContext restarted = start(schema)) {
            assertThat(history(restarted.getBean(JdbcTemplate.class))).as("nothing applied twice").containsExactly("0 BASELINE", "1 SQL");
        }
    }

    @Test
    void relaysOnAThreadOfItsOwnWithoutSchedulingTheApplication() {
        String topic = "tf.test.outbox-autoconfig.v1";
        OutboxTestbed.createTopic(topic);
        OutboxRelay relay;
        try (ConfigurableApplicationContext context = start("outbox_autoconfig_relay_it")) {
            assertThat(context.containsBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME))
                    .as("@Scheduled switched on for the application").isFalse();
            relay = context.getBean(OutboxRelay.class);
            assertThat(relay.isRunning()).isTrue();

            Outbox outbox = context.getBean(Outbox.class);
            context.getBean(TransactionTemplate.class).executeWithoutResult(status ->
                    outbox.append(List.of(record(topic, "firm", "one"), record(topic, "firm", "two")), Instant.now()));

            assertThat(awaitRecords(topic, 2)).extracting(r -> text(r.value())).containsExactly("one", "two");
        }
        assertThat(relay.isRunning()).as("stopped with the application").isFalse();
    }

    @Test
    void aCommitThatAppendedWakesTheRelayWithoutWaitingForItsPoll() {
        String topic = "tf.test.outbox-autoconfig-wake.v1";
        OutboxTestbed.createTopic(topic);
        // the relay's first round runs at start, on an empty outbox; its next poll would be in an hour
        try (ConfigurableApplicationContext context = start("outbox_autoconfig_wake_it", "1h")) {
            Outbox outbox = context.getBean(Outbox.class);
            TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
            transaction.executeWithoutResult(status -> {
                outbox.append(List.of(record(topic, "firm", "rolled back")), Instant.now());
                status.setRollbackOnly();
            });
            transaction.executeWithoutResult(status -> outbox.append(List.of(record(topic, "firm", "committed")), Instant.now()));

            assertThat(awaitRecords(topic, 1)).extracting(r -> text(r.value())).containsExactly("committed");
            // the row is deleted once the broker acknowledged: just after the record can be read
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM outbox_batch", Integer.class) == 0);
        }
    }

    private static ConfigurableApplicationContext start(String schema) {
        return start(schema, "20ms");
    }

    private static ConfigurableApplicationContext start(String schema, String pollInterval) {
        var db = SharedInfrastructure.mariaDb();
        return new SpringApplicationBuilder(Service.class).web(WebApplicationType.NONE).properties(Map.of(
                "spring.main.banner-mode", "off",
                "spring.datasource.url", db.jdbcUrl(schema),
                "spring.datasource.username", db.username(),
                "spring.datasource.password", db.password(),
                "spring.flyway.table", "service_schema_history",
                "spring.flyway.locations", "classpath:db/migration/service",
                "spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers(),
                "spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.ByteArraySerializer",
                "spring.kafka.producer.value-serializer", "org.apache.kafka.common.serialization.ByteArraySerializer",
                "outbox.poll-interval", pollInterval)).run();
    }

    private static List<String> history(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT CONCAT(version, ' ', type) FROM outbox_schema_history WHERE success ORDER BY installed_rank",
                String.class);
    }
}
