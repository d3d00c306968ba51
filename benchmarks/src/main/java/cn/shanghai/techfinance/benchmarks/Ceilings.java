package cn.shanghai.techfinance.benchmarks;

import cn.shanghai.techfinance.infra.KafkaLogin;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw ceilings of this machine's infrastructure, measured in the run against the same servers
 * the pipeline uses: what one stream of the simplest work gets out of them.
 */
final class Ceilings {

    static final int INSERT_BATCH = 1000;
    static final String KAFKA_TOPIC = "bench.ceiling.v1";
    static final int KAFKA_PARTITIONS = 4;

    private Ceilings() {
    }

    /**
     * Rows/s of one connection inserting 8-column rows into an InnoDB table, in JDBC batches of
     * 1000 rewritten into multi-row INSERTs, one commit per batch.
     */
    static double insertRowsPerSecond(int rows) throws SQLException {
        try (Connection c = BenchSystem.rootConnection("bench"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ceiling_row");
            s.execute("CREATE TABLE ceiling_row (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, bank_code VARCHAR(16) NOT NULL,"
                    + " uscc CHAR(18) NOT NULL, document_no VARCHAR(64) NOT NULL, amount DECIMAL(18,2) NOT NULL,"
                    + " business_date DATE NOT NULL, status VARCHAR(16) NOT NULL, recorded_at DATETIME(3) NOT NULL) ENGINE=InnoDB");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ceiling_row (bank_code, uscc, document_no, amount, business_date,"
                    + " status, recorded_at) VALUES (?,?,?,?,?,?,?)")) {
                // a warm-up batch set, not timed: the table's first pages and the connection's statement
                insertRows(c, insert, Math.min(rows / 10, 20_000), 0);
                long start = System.nanoTime();
                insertRows(c, insert, rows, 1_000_000);
                return rows / seconds(start);
            }
        }
    }

    private static void insertRows(Connection c, PreparedStatement insert, int rows, int offset) throws SQLException {
        LocalDate date = LocalDate.of(2025, 3, 1);
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < rows; i++) {
            int n = offset + i;
            insert.setString(1, "BANK-" + (n % 10));
            insert.setString(2, String.format("91310000MA%08d", n % 100_000_000));
            insert.setString(3, "CT-" + n);
            insert.setBigDecimal(4, BigDecimal.valueOf(100_000L + n, 2));
            insert.setDate(5, Date.valueOf(date.plusDays(n % 365)));
            insert.setString(6, "ACCEPTED");
            insert.setTimestamp(7, now);
            insert.addBatch();
            if ((i + 1) % INSERT_BATCH == 0 || i == rows - 1) {
                insert.executeBatch();
                c.commit();
            }
        }
    }

    /** Msg/s of one producer (acks=all, idempotent, as the services produce) and then of one consumer, ~90-byte JSON, 4 partitions. */
    static double[] kafkaProduceConsume(KafkaLogin admin, int messages) throws Exception {
        try (Admin client = Admin.create(admin.clientProperties())) {
            if (client.listTopics().names().get().contains(KAFKA_TOPIC)) {
                client.deleteTopics(List.of(KAFKA_TOPIC)).all().get();
                Thread.sleep(1000);
            }
            client.createTopics(List.of(new NewTopic(KAFKA_TOPIC, KAFKA_PARTITIONS, (short) 1))).all().get();
        }
        byte[][] values = new byte[1000][];
        for (int i = 0; i < values.length; i++) {
            values[i] = String.format("{\"id\":\"%s\",\"bank\":\"BANK-%d\",\"amount\":\"%d.00\",\"status\":\"OK\"}",
                    UUID.randomUUID().toString().substring(0, 24), i % 10, 1000 + i).getBytes(StandardCharsets.UTF_8);
        }
        double produced;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(admin.with(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024)))) {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                producer.send(new ProducerRecord<>(KAFKA_TOPIC, ("k" + (i % 1000)).getBytes(StandardCharsets.UTF_8), values[i % values.length]));
            }
            producer.flush();
            produced = messages / seconds(start);
        }
        double consumed;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(admin.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "bench-ceiling-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)))) {
            consumer.subscribe(List.of(KAFKA_TOPIC));
            long seen = 0;
            long start = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (seen < messages && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty() && start == 0) {
                    start = System.nanoTime(); // from the first record: the group's join is not reading
                }
                seen += records.count();
            }
            if (seen < messages) {
                throw new IllegalStateException("the consume ceiling read only " + seen + " of " + messages + " messages");
            }
            consumed = messages / seconds(start);
        }
        return new double[] {produced, consumed};
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
