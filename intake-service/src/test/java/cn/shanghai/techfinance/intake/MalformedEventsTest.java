package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.TopicSpec;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.TechPolicyLine;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.infra.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every kind of malformed event is rejected with its id, the field and the reason, the sender is
 * told on the outcomes topic, nothing else changes, and the consumer carries on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedEventsTest extends IntakeIntegrationTest {

    private static final String BANK = "MALFORMED-SH";
    private static final String SOURCE = EventSource.bank(BANK);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<BankEvent> LOAN = TestEvents.exampleLoan(BANK, "ok-", 2);
    private static final String INSURER = "MALFORMED-INS";
    private static final String INSURER_SOURCE = EventSource.insurer(INSURER);
    private static final List<BankEvent> POLICY = TestEvents.techPolicy(INSURER, "ok-", 5, TechPolicyLine.RD_EXPENSE_LOSS);

    @BeforeAll
    void parentsArrive() {
        send(LOAN);
        send(POLICY);
        LOAN.forEach(e -> assertThat(awaitStatus(SOURCE, e.id())).isEqualTo("ACCEPTED"));
        POLICY.forEach(e -> assertThat(awaitStatus(INSURER_SOURCE, e.id())).isEqualTo("ACCEPTED"));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("missing-field", 2, d -> d.remove("principal"), "data.principal", RejectionCode.MISSING_FIELD),
                bad("bad-uscc", 0, d -> ((ObjectNode) d.get("firm")).put("uscc", "91310115MA1K4XXXXX"), "data.firm.uscc",
                        RejectionCode.INVALID_USCC),
                bad("money-3-decimals", 4, d -> d.put("amount", "100.001"), "data.amount", RejectionCode.INVALID_FORMAT),
                bad("money-as-number", 4, d -> d.put("amount", 100.5), "data.amount", RejectionCode.WRONG_TYPE),
                bad("impossible-date", 4, d -> d.put("paidOn", "2025-02-30"), "data.paidOn", RejectionCode.INVALID_FORMAT),
                bad("rate-too-high", 2, d -> d.put("annualRate", "1.2"), "data.annualRate", RejectionCode.OUT_OF_RANGE),
                bad("term-out-of-range", 0, d -> d.put("termMonths", 121), "data.termMonths", RejectionCode.OUT_OF_RANGE),
                bad("bad-program", 0, d -> d.put("program", "XYZ"), "data.program", RejectionCode.INVALID_ENUM),
                bad("unknown-field", 5, d -> d.put("settledAt", "2026-03-15"), "data.settledAt", RejectionCode.UNKNOWN_FIELD),
                badEnvelope("unknown-type", 5, e -> e.put("type", "loan.exploded.v1"), "type", RejectionCode.UNKNOWN_TYPE),
                badEnvelope("other-banks-source", 5, e -> e.put("source", "bank/OTHER-BANK"), "source", RejectionCode.SOURCE_MISMATCH),
                badEnvelope("credit-type-from-bank", 5, e -> {
                    e.put("type", "firm.dishonesty-listed.v1");
                    e.set("data", JSON.createObjectNode().put("uscc", TestEvents.uscc(2)).put("listedOn", "2026-01-01"));
                }, "source", RejectionCode.SOURCE_MISMATCH),
                badEnvelope("insurer-type-from-bank", 5, e -> {
                    e.put("type", "techpolicy.cancelled.v1");
                    e.set("data", JSON.createObjectNode().put("policyNo", "ok-Y-001").put("cancelledOn", "2026-01-01"));
                }, "source", RejectionCode.SOURCE_MISMATCH),
                badEnvelope("bad-time", 5, e -> e.put("time", "yesterday"), "time", RejectionCode.INVALID_FORMAT),
                // input whose echo in the rejection is larger than the ledger's columns: still just a rejection
                badEnvelope("type-too-long", 5, e -> e.put("type", "loan." + "x".repeat(80) + ".v1"), "type",
                        RejectionCode.UNKNOWN_TYPE),
                bad("huge-money", 4, d -> d.put("amount", "9".repeat(100_000)), "data.amount", RejectionCode.INVALID_FORMAT),
                bad("thousands-of-unknown-fields", 5, d -> {
                    for (int i = 0; i < 5_000; i++) {
                        d.put("unknownField" + i, i);
                    }
                }, "data.unknownField0", RejectionCode.UNKNOWN_FIELD),
                // a second application with a number the bank already used
                bad("application-again", 0, d -> { }, "data.applicationNo", RejectionCode.CONFLICT),
                // the same instalment or settlement recorded twice under a new event id
                bad("settled-again", 5, d -> { }, "data.contractNo", RejectionCode.CONFLICT));
    }

    /** An insurer's events broken in one way each, on its topic: templates 0 policy, 1 payment, 3 cancellation. */
    static Stream<Arguments> malformedInsurerEvents() {
        return Stream.of(
                badInsurer("no-premium", 0, e -> data(e).remove("premium"), "data.premium", RejectionCode.MISSING_FIELD),
                badInsurer("bad-line", 0, e -> data(e).put("line", "CYBER"), "data.line", RejectionCode.INVALID_ENUM),
                badInsurer("ends-before-start", 0, e -> data(e).put("endOn", "2025-12-31"), "data.endOn", RejectionCode.INCONSISTENT),
                badInsurer("bad-uscc", 0, e -> ((ObjectNode) data(e).get("firm")).put("uscc", "91310115MA1K4XXXXX"),
                        "data.firm.uscc", RejectionCode.INVALID_USCC),
                badInsurer("policy-again", 0, e -> { }, "data.policyNo", RejectionCode.CONFLICT),
                badInsurer("money-3-decimals", 1, e -> data(e).put("amount", "100.001"), "data.amount", RejectionCode.INVALID_FORMAT),
                badInsurer("impossible-date", 1, e -> data(e).put("paidOn", "2026-02-30"), "data.paidOn", RejectionCode.INVALID_FORMAT),
                badInsurer("unknown-field", 3, e -> data(e).put("reason", "x"), "data.reason", RejectionCode.UNKNOWN_FIELD),
                badInsurer("cancelled-again", 3, e -> { }, "data.policyNo", RejectionCode.CONFLICT),
                badInsurer("loan-type-from-insurer", 3, e -> {
                    e.put("type", "loan.settled.v1");
                    e.set("data", JSON.createObjectNode().put("contractNo", "ok-C-001").put("settledOn", "2026-01-01"));
                }, "source", RejectionCode.SOURCE_MISMATCH),
                badInsurer("bank-source-on-insurer-topic", 3, e -> e.put("source", SOURCE), "source", RejectionCode.SOURCE_MISMATCH),
                badInsurer("other-insurers-source", 3, e -> e.put("source", "insurer/OTHER-INS"), "source",
                        RejectionCode.SOURCE_MISMATCH));
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    private static Arguments badInsurer(String id, int template, Consumer<ObjectNode> breakEnvelope, String field, RejectionCode code) {
        ObjectNode event = (ObjectNode) JSON.readTree(TestEvents.json(POLICY.get(template)));
        event.put("id", "bad-" + id);
        breakEnvelope.accept(event);
        return Arguments.of(id, JSON.writeValueAsString(event), field, code);
    }

    /** All at once (one consumed batch, or a few), so that the insurer's cases cost about one round trip. */
    @Test
    void anInsurersEventsAreRejectedWithIdFieldAndReasonAndNothingElseChanges() {
        Map<String, Integer> before = techLedgerCounts();
        List<Object[]> cases = malformedInsurerEvents().map(Arguments::get).toList();
        cases.forEach(c -> sendRaw(Topics.insurerEvents(INSURER), (String) c[1]));

        List<String> ids = cases.stream().map(c -> "bad-" + c[0]).toList();
        ids.forEach(id -> assertThat(awaitStatus(INSURER_SOURCE, id)).as(id).isEqualTo("REJECTED"));
        Map<String, List<IntakeOutcome>> published = awaitPublished(INSURER_SOURCE, ids);
        for (Object[] c : cases) {
            assertThat(published.get("bad-" + c[0])).as((String) c[0]).singleElement().satisfies(outcome -> {
                assertThat(outcome.status()).isEqualTo(IntakeOutcome.Status.REJECTED);
                assertThat(outcome.bankCode()).isEqualTo(INSURER);
                assertThat(outcome.topic()).isEqualTo(Topics.insurerEvents(INSURER));
                assertThat(outcome.violations()).extracting(Violation::field, Violation::code).contains(tuple(c[2], c[3]));
            });
        }
        assertThat(techLedgerCounts()).isEqualTo(before);
    }

    private Map<String, Integer> techLedgerCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String table : List.of("tech_policy", "tech_policy_qualification", "tech_premium_payment", "tech_policy_cancellation")) {
            counts.put(table, count("SELECT COUNT(*) FROM " + table + " WHERE insurer_code = ?", INSURER));
        }
        counts.put("accepted", count("SELECT COUNT(*) FROM intake_event WHERE source = ? AND status = 'ACCEPTED'", INSURER_SOURCE));
        return counts;
    }

    private static Arguments bad(String id, int template, Consumer<ObjectNode> breakData, String field, RejectionCode code) {
        return badEnvelope(id, template, e -> breakData.accept((ObjectNode) e.get("data")), field, code);
    }

    private static Arguments badEnvelope(String id, int template, Consumer<ObjectNode> breakEnvelope, String field,
                                         RejectionCode code) {
        ObjectNode event = (ObjectNode) JSON.readTree(TestEvents.json(LOAN.get(template)));
        event.put("id", "bad-" + id);
        breakEnvelope.accept(event);
        return Arguments.of(id, JSON.writeValueAsString(event), field, code);
    }

    @ParameterizedTest(name = "{0}: {2} {3}")
    @MethodSource("malformed")
    void rejectedWithIdFieldAndReasonAndNothingElseChanges(String id, String json, String field, RejectionCode code) {
        Map<String, Integer> before = ledgerCounts();
        sendRaw(Topics.bankEvents(BANK), json);

        assertThat(awaitStatus(SOURCE, "bad-" + id)).isEqualTo("REJECTED");
        awaitOutboxRelayed();
        List<IntakeOutcome> outcomes = awaitPublished(SOURCE, List.of("bad-" + id)).get("bad-" + id);
        assertThat(outcomes).hasSize(1);
        IntakeOutcome outcome = outcomes.get(0);
        assertThat(outcome.status()).isEqualTo(IntakeOutcome.Status.REJECTED);
        assertThat(outcome.bankCode()).isEqualTo(BANK);
        assertThat(outcome.topic()).isEqualTo(Topics.bankEvents(BANK));
        assertThat(outcome.violations()).extracting(Violation::field, Violation::code).contains(tuple(field, code));
        assertThat(outcome.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank().hasSizeLessThanOrEqualTo(300));
        assertThat(outcome.violations()).hasSizeLessThanOrEqualTo(21);
        if (outcome.type() != null) {
            assertThat(outcome.type()).hasSizeLessThanOrEqualTo(48);
        }
        assertThat(ledgerCounts()).isEqualTo(before);
    }

    @Test
    void unreadableRecordGoesToTheDeadLettersIsReportedAndTheConsumerCarriesOn() {
        byte[] garbage = "{\"specversion\":\"1.0\", this is not json".getBytes(StandardCharsets.UTF_8);
        // a key longer than the dead-letter table keeps: cut there, whole on the dead-letter topic
        String key = "键".repeat(300);
        sendRaw(Topics.bankEvents(BANK), key, garbage);
        List<BankEvent> next = TestEvents.exampleLoan(BANK, "after-garbage-", 3);
        send(next);
        next.forEach(e -> assertThat(awaitStatus(SOURCE, e.id())).isEqualTo("ACCEPTED"));

        Map<String, Object> deadLetter = jdbc.queryForMap("SELECT kafka_topic, kafka_partition, kafka_offset, record_key,"
                + " violations, payload FROM intake_dead_letter WHERE kafka_topic = ?", Topics.bankEvents(BANK));
        assertThat((byte[]) deadLetter.get("payload")).isEqualTo(garbage);
        assertThat((String) deadLetter.get("violations")).contains("MALFORMED_JSON");
        assertThat((String) deadLetter.get("record_key")).hasSize(128).startsWith("键键键").endsWith("…");

        IntakeOutcome outcome = publishedOutcomes().stream()
                .filter(o -> o.eventId() == null && Topics.bankEvents(BANK).equals(o.topic())).findFirst().orElseThrow();
        assertThat(outcome.status()).isEqualTo(IntakeOutcome.Status.REJECTED);
        assertThat(outcome.bankCode()).isEqualTo(BANK);
        assertThat(outcome.offset()).isEqualTo(((Number) deadLetter.get("kafka_offset")).longValue());
        assertThat(outcome.violations()).extracting(Violation::code).containsExactly(RejectionCode.MALFORMED_JSON);

        ConsumerRecord<byte[], byte[]> dlq = readDeadLetterTopic().stream()
                .filter(r -> new String(r.headers().lastHeader("tf-origin-topic").value(), StandardCharsets.UTF_8)
                        .equals(Topics.bankEvents(BANK))).findFirst().orElseThrow();
        assertThat(dlq.value()).isEqualTo(garbage);
        assertThat(new String(dlq.key(), StandardCharsets.UTF_8)).isEqualTo(key);
        assertThat(new String(dlq.headers().lastHeader("tf-rejection").value(), StandardCharsets.UTF_8)).contains("not valid JSON");
    }

    @Test
    void recordOnATopicOutsideTheContractIsDeadLetteredAndTheConsumerCarriesOn() {
        // matches the subscription (any length of bank code) but not the contract (2–16 characters)
        String topic = "tf.bank." + "X".repeat(60) + ".events.v1";
        SharedInfrastructure.kafka().provision(List.of(new TopicSpec(topic, 1))); // say, created by hand
        byte[] value = TestEvents.json(LOAN.get(0)).getBytes(StandardCharsets.UTF_8);
        sendRaw(topic, value);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT COUNT(*) FROM intake_dead_letter WHERE kafka_topic = ?", topic) == 1);
        assertThat(jdbc.queryForObject("SELECT violations FROM intake_dead_letter WHERE kafka_topic = ?", String.class, topic))
                .contains("SOURCE_MISMATCH");

        List<BankEvent> next = TestEvents.exampleLoan(BANK, "after-odd-topic-", 4);
        send(next);
        next.forEach(e -> assertThat(awaitStatus(SOURCE, e.id())).isEqualTo("ACCEPTED"));
        assertThat(readDeadLetterTopic()).anySatisfy(r -> assertThat(
                new String(r.headers().lastHeader("tf-origin-topic").value(), StandardCharsets.UTF_8)).isEqualTo(topic));
    }

    private Map<String, Integer> ledgerCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String table : List.of("loan_application", "firm_snapshot", "loan_approval", "loan_contract", "insurance_policy",
                "premium_payment", "loan_settlement", "interest_payment")) {
            counts.put(table, count("SELECT COUNT(*) FROM " + table + " WHERE bank_code = ?", BANK));
        }
        counts.put("dishonesty_listing", count("SELECT COUNT(*) FROM dishonesty_listing"));
        counts.put("accepted", count("SELECT COUNT(*) FROM intake_event WHERE source = ? AND status = 'ACCEPTED'", SOURCE));
        return counts;
    }

    /** Every record on the dead-letter topic so far, read from the beginning to the end. */
    private static List<ConsumerRecord<byte[], byte[]>> readDeadLetterTopic() {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> TopicReader.readAll(SharedInfrastructure.kafka().bootstrapServers(), Topics.INTAKE_DEAD_LETTERS),
                records -> !records.isEmpty());
    }
}
