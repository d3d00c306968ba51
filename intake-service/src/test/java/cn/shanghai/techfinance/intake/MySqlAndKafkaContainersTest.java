package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.TopicSpec;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.infra.TopicProvisioning;
import cn.shanghai.techfinance.infra.TopicWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The ledger tests against what production runs: MySQL 8.4 (not MariaDB) and a Kafka broker in a
 * container. Runs where a Docker engine is available; elsewhere JUnit reports it as skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = IntakeApplication.class,
        properties = {"logging.level.root=WARN", "logging.level.cn.shanghai.techfinance=INFO"})
class MySqlAndKafkaContainersTest {

    private static final String BANK = "MYSQL-SH";
    private static final String SOURCE = EventSource.bank(BANK);

    @Container
    static final MySQLContainer MYSQL = new MySQLContainer("mysql:8.4")
            .withDatabaseName("intake")
            .withUrlParam("sslMode", "DISABLED")
            .withUrlParam("allowPublicKeyRetrieval", "true")
            .withUrlParam("rewriteBatchedStatements", "true")
            .withUrlParam("connectionTimeZone", "UTC")
            .withUrlParam("forceConnectionTimeZoneToSession", "true");

    /** Like production, the broker creates no topic on first use: they are provisioned below. */
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1")
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", MYSQL::getJdbcUrl);
        registry.add("spring.datasource.username", MYSQL::getUsername);
        registry.add("spring.datasource.password", MYSQL::getPassword);
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> LocalTokens.loadOrCreate(Path.of("target", "test-jwt")).publicKeyLocation());
    }

    @Autowired
    private JdbcTemplate jdbc;

    /** Runs after the containers started and before the service does (it consumes the credit topic). */
    @BeforeAll
    static void provisionTopics() {
        List<TopicSpec> topics = new ArrayList<>(Topics.platformTopics());
        topics.addAll(Topics.bankTopics(BANK));
        TopicProvisioning.provision(KAFKA.getBootstrapServers(), topics);
    }

    @Test
    void contractExampleInAnyOrderWithRepeatsLandsOnceInTheLedger() {
        List<BankEvent> loan = TestEvents.exampleLoan(BANK, "", 51);
        List<BankEvent> disorder = new ArrayList<>(loan);
        Collections.reverse(disorder);
        disorder.addAll(loan);
        send(disorder);

        loan.forEach(e -> assertThat(awaitStatus(e.id())).as(e.id()).isEqualTo("ACCEPTED"));
        assertThat(count("SELECT COUNT(*) FROM intake_event WHERE source = ?", SOURCE)).isEqualTo(loan.size());
        assertThat(count("SELECT COUNT(*) FROM parked_event WHERE source = ?", SOURCE)).isZero();
        for (String table : List.of("loan_application", "firm_snapshot", "firm_qualification", "loan_approval", "loan_contract",
                "insurance_policy", "premium_payment", "loan_settlement")) {
            assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE bank_code = ?", BANK)).as(table).isEqualTo(1);
        }
        Map<String, Object> contract = jdbc.queryForMap("SELECT * FROM loan_contract WHERE bank_code = ?", BANK);
        assertThat(contract).containsEntry("contract_no", "C-001").containsEntry("disbursed_on", Date.valueOf("2025-10-01"));
        assertThat((BigDecimal) contract.get("annual_rate")).isEqualByComparingTo("0.0345");

        Map<String, List<IntakeOutcome>> outcomes = OutcomesTopic.awaitPublished(KAFKA.getBootstrapServers(), SOURCE,
                loan.stream().map(BankEvent::id).toList(), Duration.ofSeconds(60));
        outcomes.forEach((id, list) -> assertThat(list).as(id).singleElement()
                .extracting(IntakeOutcome::status).isEqualTo(IntakeOutcome.Status.ACCEPTED));
    }

    @Test
    void malformedEventIsRejectedAndTheConsumerCarriesOn() {
        String bad = TestEvents.json(TestEvents.exampleLoan(BANK, "bad-", 52).get(0)).replace("\"termMonths\":12", "\"termMonths\":121");
        List<BankEvent> next = TestEvents.exampleLoan(BANK, "next-", 53);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.bankEvents(BANK), "key", bad.getBytes(StandardCharsets.UTF_8)));
        }
        send(next);

        assertThat(awaitStatus("bad-e1")).isEqualTo("REJECTED");
        next.forEach(e -> assertThat(awaitStatus(e.id())).as(e.id()).isEqualTo("ACCEPTED"));
        assertThat(count("SELECT COUNT(*) FROM loan_application WHERE bank_code = ? AND application_no = ?", BANK, "bad-A-001"))
                .isZero();
        IntakeOutcome outcome = OutcomesTopic.awaitPublished(KAFKA.getBootstrapServers(), SOURCE, List.of("bad-e1"),
                Duration.ofSeconds(60)).get("bad-e1").get(0);
        assertThat(outcome.status()).isEqualTo(IntakeOutcome.Status.REJECTED);
        assertThat(outcome.violations()).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("data.termMonths", RejectionCode.OUT_OF_RANGE));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return TopicWriter.producer(KAFKA.getBootstrapServers());
    }

    private static void send(List<BankEvent> events) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (BankEvent e : events) {
                producer.send(new ProducerRecord<>(Topics.bankEvents(BANK), "key", TestEvents.json(e).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private String awaitStatus(String eventId) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.query("SELECT status FROM intake_event WHERE source = ? AND event_id = ?",
                        rs -> rs.next() ? rs.getString(1) : null, SOURCE, eventId), s -> s != null && !s.equals("PARKED"));
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }
}
