package cn.shanghai.techfinance.outbox;

import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.TopicSpec;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.infra.TopicReader;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox as a service has it, without the service: its tables, migrated, in a schema of its own
 * on the shared MariaDB server, and relays with producers of their own on the shared Kafka broker.
 */
final class OutboxTestbed implements AutoCloseable {

    static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    final JdbcTemplate jdbc;
    private final HikariDataSource dataSource;
    private final DataSourceTransactionManager transactionManager;
    private final Outbox outbox;
    private final List<DefaultKafkaProducerFactory<byte[], byte[]>> producers = new ArrayList<>();

    OutboxTestbed(String schema) {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(SharedInfrastructure.mariaDb().jdbcUrl(schema));
        dataSource.setUsername(SharedInfrastructure.mariaDb().username());
        dataSource.setPassword(SharedInfrastructure.mariaDb().password());
        new OutboxSchema(dataSource).migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactionManager = new DataSourceTransactionManager(dataSource);
        outbox = new Outbox(jdbc);
    }

    static String bootstrapServers() {
        return SharedInfrastructure.kafka().bootstrapServers();
    }

    /** Creates a topic as production topics are, before anything is produced to it (the broker creates none on first use). */
    static void createTopic(String topic) {
        SharedInfrastructure.kafka().provision(List.of(new TopicSpec(topic, Topics.PARTITIONS)));
    }

    /** A relay with its own producer, as another instance of the service would have. */
    OutboxRelay relay(int rowsPerRound, Duration lease) {
        return relay(kafka(Map.of()), rowsPerRound, lease);
    }

    OutboxRelay relay(KafkaTemplate<byte[], byte[]> kafka, int rowsPerRound, Duration lease) {
        return relay(kafka, rowsPerRound, Integer.MAX_VALUE, lease);
    }

    OutboxRelay relay(KafkaTemplate<byte[], byte[]> kafka, int rowsPerRound, int recordsPerRound, Duration lease) {
        return new OutboxRelay(jdbc, kafka, transactionManager, rowsPerRound, recordsPerRound, SEND_TIMEOUT, lease, Duration.ofMillis(1));
    }

    /** A producer configured as the services configure theirs (acks from all replicas, idempotent). */
    KafkaTemplate<byte[], byte[]> kafka(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5));
        config.putAll(overrides);
        DefaultKafkaProducerFactory<byte[], byte[]> factory = new DefaultKafkaProducerFactory<>(config);
        producers.add(factory);
        return new KafkaTemplate<>(factory);
    }

    /** Appends the records as one row, in a transaction of their own, as a service does. */
    void append(List<OutboxRecord> records) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> outbox.append(records, Instant.now()));
    }

    int rows(String table) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
        return n == null ? 0 : n;
    }

    /** Empties the outbox tables, for the next test. */
    void clear() {
        jdbc.update("DELETE FROM outbox_batch");
        jdbc.update("DELETE FROM outbox_parked");
    }

    static OutboxRecord record(String topic, String key, String value) {
        return new OutboxRecord(topic, utf8(key), utf8(value), Map.of());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Waits until {@code topic} holds at least {@code count} records, and returns all it holds. */
    static List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> TopicReader.readAll(bootstrapServers(), topic), records -> records.size() >= count);
    }

    /** Per key, each value at its first arrival, in the order of arrival (a key's records share a partition). */
    static Map<String, List<String>> firstOccurrencesByKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            List<String> values = byKey.computeIfAbsent(text(r.key()), k -> new ArrayList<>());
            if (!values.contains(text(r.value()))) {
                values.add(text(r.value()));
            }
        }
        return byKey;
    }

    @Override
    public void close() {
        producers.forEach(DefaultKafkaProducerFactory::destroy);
        dataSource.close();
    }
}
