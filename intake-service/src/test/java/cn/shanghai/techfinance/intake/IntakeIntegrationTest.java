package cn.shanghai.techfinance.intake;

import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.infra.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake service as it runs, on a real Kafka broker (embedded KRaft) and a real MariaDB server,
 * both shared by every test class of the JVM; classes keep apart by bank code and event ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {IntakeApplication.class, IntakeIntegrationTest.TestClock.class},
        properties = {"logging.level.root=WARN", "logging.level.org.apache.kafka=WARN", "logging.level.cn.shanghai.techfinance=INFO",
                // tests sweep orphans themselves (OrphanTest, on the shared clock): no sweep on a timer in between
                "intake.parking.sweep-interval=1d",
                // a record that fails on its own is dead-lettered after 2 s of retries, not 10 (PoisonRecordTest)
                "intake.consume.record-retry-window=2s",
                // every bank topic but those of RestartTest, whose own intake applications must be the
                // only consumers of their topic (else this context would also answer their events)
                "spring.cloud.stream.bindings.intake-in-0.destination="
                        + "tf\\.bank\\.(?!" + IntakeIntegrationTest.OWN_CONSUMER_PREFIX + ")[A-Z0-9-]+\\.events\\.v1"
                        + "|tf\\.insurer\\.[A-Z0-9-]+\\.events\\.v1|tf\\.credit\\.events\\.v1"})
public abstract class IntakeIntegrationTest {

    /** Bank codes starting so are consumed by a test's own intake application, not by this shared context. */
    static final String OWN_CONSUMER_PREFIX = "RESTART-";

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    /** The tests' token issuer: the service trusts its public key (and nothing else). */
    protected static final LocalTokens TOKENS = LocalTokens.loadOrCreate(Path.of("target", "test-jwt"));

    private static KafkaProducer<String, byte[]> producer;
    /** Insurers whose topics this JVM created (the shared infrastructure provisions banks only). */
    private static final Set<String> PROVISIONED_INSURERS = new HashSet<>();

    @Autowired
    protected JdbcTemplate jdbc;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void realInfrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.registerProperties(registry, "intake_it");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
    }

    @BeforeAll
    static void openProducer() {
        producer = TopicWriter.producer(SharedInfrastructure.kafka().bootstrapServers());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    /** Sends events as their senders would: each to its source's topic, in order. */
    protected static void send(List<BankEvent> events) {
        for (BankEvent event : events) {
            sendRaw(topicOf(event), TestEvents.json(event));
        }
    }

    /**
     * Sends events without waiting for each acknowledgement, so that they reach intake in large
     * batches (a child and its parent, or an event and its repeat, in the same consumed batch).
     */
    protected static void sendAll(List<BankEvent> events) {
        List<String> topics = events.stream().map(IntakeIntegrationTest::topicOf).toList();
        topics.stream().distinct().forEach(IntakeIntegrationTest::provision);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            sent.add(producer.send(new ProducerRecord<>(topics.get(i), "key", TestEvents.json(events.get(i)).getBytes(StandardCharsets.UTF_8))));
        }
        producer.flush();
        for (Future<?> f : sent) {
            try {
                f.get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    protected static void sendRaw(String topic, String value) {
        sendRaw(topic, value.getBytes(StandardCharsets.UTF_8));
    }

    protected static void sendRaw(String topic, byte[] value) {
        sendRaw(topic, "key", value);
    }

    protected static void sendRaw(String topic, String key, byte[] value) {
        provision(topic);
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String topicOf(BankEvent event) {
        return EventSource.bankCode(event.source()).map(Topics::bankEvents)
                .or(() -> EventSource.insurerCode(event.source()).map(Topics::insurerEvents)).orElse(Topics.CREDIT_EVENTS);
    }

    /** A bank's or insurer's topic exists once it is onboarded; the credit platform's from the broker's start. */
    private static void provision(String topic) {
        Topics.expectedSource(topic).flatMap(EventSource::bankCode).ifPresent(SharedInfrastructure::provisionBanks);
        Topics.expectedSource(topic).flatMap(EventSource::insurerCode).ifPresent(IntakeIntegrationTest::provisionInsurer);
    }

    private static synchronized void provisionInsurer(String insurerCode) {
        if (PROVISIONED_INSURERS.add(insurerCode)) {
            SharedInfrastructure.kafka().provision(Topics.insurerTopics(insurerCode));
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
        return OutcomesTopic.read(SharedInfrastructure.kafka().bootstrapServers());
    }

    /** Waits until the outcomes topic holds an outcome for each of the given event ids of {@code source}. */
    protected static Map<String, List<IntakeOutcome>> awaitPublished(String source, Collection<String> eventIds) {
        return OutcomesTopic.awaitPublished(SharedInfrastructure.kafka().bootstrapServers(), source, eventIds,
                Duration.ofSeconds(60));
    }

    /** Waits until the outbox relayed everything committed so far: what is not on the topic then was never decided. */
    protected void awaitOutboxRelayed() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT COUNT(*) FROM outbox_batch") == 0);
    }

    /** A client of this intake service's HTTP API on its random port, as an officer; never throws on an error status. */
    protected RestClient http() {
        return http(TOKENS.token("OFFICER"));
    }

    /** A client that sends this bearer token (none when null); never throws on an error status. */
    protected RestClient http(String token) {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { });
        if (token != null) {
            builder.defaultHeader("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    /** {@code GET path}, the body as a JSON tree (errors included). */
    protected JsonNode getJson(String path) {
        return JSON.readTree(http().get().uri(path).retrieve().body(String.class));
    }

    protected int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }
}
