package cn.shanghai.techfinance.intake;

import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The intake service as it runs, on a real Kafka broker (embedded KRaft) and a real MariaDB server,
 * both shared by every test class of the JVM; classes keep apart by bank code and event ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {IntakeApplication.class, IntakeIntegrationTest.TestClock.class},
        properties = {"logging.level.root=WARN", "logging.level.org.apache.kafka=WARN", "logging.level.cn.shanghai.techfinance=INFO"})
public abstract class IntakeIntegrationTest {

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void realInfrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
        registry.add("spring.datasource.url", () -> SharedInfrastructure.mariaDb().jdbcUrl("intake_it"));
        registry.add("spring.datasource.username", () -> SharedInfrastructure.mariaDb().username());
        registry.add("spring.datasource.password", () -> SharedInfrastructure.mariaDb().password());
    }

    @BeforeAll
    static void openProducer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all"));
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    /** Sends events as their senders would: each to its source's topic, in order. */
    protected static void send(List<BankEvent> events) {
        for (BankEvent event : events) {
            String topic = EventSource.bankCode(event.source()).map(Topics::bankEvents).orElse(Topics.CREDIT_EVENTS);
            sendRaw(topic, TestEvents.json(event));
        }
    }

    protected static void sendRaw(String topic, String value) {
        sendRaw(topic, value.getBytes(StandardCharsets.UTF_8));
    }

    protected static void sendRaw(String topic, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, "key", value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until intake recorded a final outcome (not parked) for the event, and returns it. */
    protected String awaitStatus(String source, String eventId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(source, eventId), s -> s != null && !s.equals("PARKED"));
    }

    protected String status(String source, String eventId) {
        return jdbc.query("SELECT status FROM intake_event WHERE source = ? AND event_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, source, eventId);
    }

    /** Every outcome published on tf.intake.outcomes.v1 so far, read from the beginning. */
    protected static List<IntakeOutcome> publishedOutcomes() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INTAKE_OUTCOMES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<IntakeOutcome> outcomes = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> outcomes.add(ContractJson.read(r.value(), IntakeOutcome.class)));
            }
            return outcomes;
        }
    }

    /** Waits until the outcomes topic holds an outcome for each of the given event ids of {@code source}. */
    protected static Map<String, List<IntakeOutcome>> awaitPublished(String source, Collection<String> eventIds) {
        Set<String> wanted = new HashSet<>(eventIds);
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Map<String, List<IntakeOutcome>> byId = new HashMap<>();
            for (IntakeOutcome o : publishedOutcomes()) {
                if (source.equals(o.source()) && wanted.contains(o.eventId())) {
                    byId.computeIfAbsent(o.eventId(), k -> new ArrayList<>()).add(o);
                }
            }
            return byId;
        }, byId -> byId.keySet().containsAll(eventIds));
    }

    protected int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }
}
