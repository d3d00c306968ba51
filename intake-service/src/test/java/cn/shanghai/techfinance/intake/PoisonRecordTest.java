package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.FirmDishonestyListed;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A record that fails the same way on every retry, between valid ones, on each kind of topic intake
 * consumes: the valid ones land, the poison one is rejected with its reason and its sender told,
 * it is kept as a dead letter (table and HTTP) and counted, and the consumer goes on past it: a
 * later record is decided and the group's committed offset passes it.
 */
class PoisonRecordTest extends IntakeIntegrationTest {

    private static final String BANK = "POISON-SH";
    private static final String SOURCE = EventSource.bank(BANK);

    @Autowired
    MeterRegistry meters;

    @Test
    void anEventTheLedgerRefusesOnABankTopicIsRejectedAsInternalAndTheOthersLand() throws Exception {
        List<BankEvent> first = TestEvents.exampleLoan(BANK, "pb-", 61);
        List<BankEvent> poisoned = TestEvents.exampleLoan(BANK, "pp-", 62);
        List<BankEvent> last = TestEvents.exampleLoan(BANK, "pa-", 63);
        BankEvent sentinel = TestEvents.exampleLoan(BANK, "ps-", 64).get(0);
        double internalBefore = deadLetters(RejectionCode.INTERNAL);
        // the ledger refuses the settlement of loan pp- every time: a fault tied to that one event
        jdbc.execute("""
                CREATE TRIGGER refuse_poison_settlement BEFORE INSERT ON loan_settlement FOR EACH ROW
                BEGIN
                  IF NEW.contract_no = 'pp-C-001' THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'this settlement cannot be stored';
                  END IF;
                END""");
        try {
            // one burst, so that the poison event sits in a consumed batch between valid ones
            sendAll(Stream.of(first, poisoned, last).flatMap(List::stream).toList());
            send(List.of(sentinel));
            assertThat(awaitStatus(SOURCE, sentinel.id())).isEqualTo("ACCEPTED");
        } finally {
            jdbc.execute("DROP TRIGGER refuse_poison_settlement");
        }

        for (BankEvent e : Stream.of(first, poisoned.subList(0, 5), last).flatMap(List::stream).toList()) {
            assertThat(status(SOURCE, e.id())).as(e.id()).isEqualTo("ACCEPTED");
        }
        assertThat(count("SELECT COUNT(*) FROM loan_settlement WHERE bank_code = ? AND contract_no IN ('pb-C-001', 'pa-C-001')",
                BANK)).isEqualTo(2);
        assertSetAside(SOURCE, poisoned.get(5), Topics.bankEvents(BANK), "/api/v1/events/bank/" + BANK + "/pp-e6",
                "this settlement cannot be stored");
        assertThat(deadLetters(RejectionCode.INTERNAL) - internalBefore).isEqualTo(1);
        assertConsumedPast(sentinel.id(), SOURCE);
    }

    @Test
    void aCreditPlatformEventTheLedgerRefusesIsRejectedAsInternalAndTheOthersLand() throws Exception {
        LocalDate day = LocalDate.of(2026, 2, 2);
        List<BankEvent> listings = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            listings.add(TestEvents.creditEvent("poison-listing-" + i, day, new FirmDishonestyListed(TestEvents.uscc(660 + i), day)));
        }
        String poisonUscc = TestEvents.uscc(661);
        double internalBefore = deadLetters(RejectionCode.INTERNAL);
        jdbc.execute("CREATE TRIGGER refuse_poison_listing BEFORE INSERT ON dishonesty_listing FOR EACH ROW BEGIN"
                + " IF NEW.uscc = '" + poisonUscc + "' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'this listing cannot be stored';"
                + " END IF; END");
        try {
            sendAll(listings.subList(0, 3));
            send(listings.subList(3, 4));
            assertThat(awaitStatus(EventSource.CREDIT_PLATFORM, "poison-listing-3")).isEqualTo("ACCEPTED");
        } finally {
            jdbc.execute("DROP TRIGGER refuse_poison_listing");
        }

        assertThat(status(EventSource.CREDIT_PLATFORM, "poison-listing-0")).isEqualTo("ACCEPTED");
        assertThat(status(EventSource.CREDIT_PLATFORM, "poison-listing-2")).isEqualTo("ACCEPTED");
        assertSetAside(EventSource.CREDIT_PLATFORM, listings.get(1), Topics.CREDIT_EVENTS,
                "/api/v1/events/credit-platform/poison-listing-1", "this listing cannot be stored");
        assertThat(deadLetters(RejectionCode.INTERNAL) - internalBefore).isEqualTo(1);
        assertConsumedPast("poison-listing-3", EventSource.CREDIT_PLATFORM);
    }

    @Test
    void aParkedEventWhosePayloadNoLongerDecodesIsRejectedWithTheCodecsViolationsAndItsParentLands() throws Exception {
        List<BankEvent> loan = TestEvents.exampleLoan(BANK, "pk-", 65);
        BankEvent approval = loan.get(1);
        send(List.of(approval));
        await().atMost(Duration.ofSeconds(60)).until(() -> "PARKED".equals(status(SOURCE, approval.id())));
        // as if the codec had changed since it was parked: the stored payload has a field it no longer knows
        ObjectNode stored = (ObjectNode) JSON.readTree(TestEvents.json(approval));
        ((ObjectNode) stored.get("data")).put("approvedBy", "branch 12");
        byte[] storedPayload = JSON.writeValueAsBytes(stored);
        jdbc.update("UPDATE intake_event SET payload = ? WHERE source = ? AND event_id = ?", storedPayload, SOURCE, approval.id());
        double unknownFieldBefore = deadLetters(RejectionCode.UNKNOWN_FIELD);

        BankEvent sentinel = TestEvents.exampleLoan(BANK, "pk-after-", 66).get(0);
        send(List.of(loan.get(0), sentinel));
        assertThat(awaitStatus(SOURCE, sentinel.id())).isEqualTo("ACCEPTED");

        assertThat(status(SOURCE, loan.get(0).id())).as("the parent").isEqualTo("ACCEPTED");
        assertThat(awaitStatus(SOURCE, approval.id())).isEqualTo("REJECTED");
        assertThat(count("SELECT COUNT(*) FROM parked_event WHERE source = ? AND event_id = ?", SOURCE, approval.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM loan_approval WHERE bank_code = ? AND approval_no = 'pk-P-001'", BANK)).isZero();
        IntakeOutcome outcome = awaitPublished(SOURCE, List.of(approval.id())).get(approval.id()).get(0);
        assertThat(outcome.status()).isEqualTo(IntakeOutcome.Status.REJECTED);
        assertThat(outcome.violations()).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("data.approvedBy", RejectionCode.UNKNOWN_FIELD));
        assertThat(getJson("/api/v1/events/bank/" + BANK + "/" + approval.id()).get("violations").get(0).get("code").asString())
                .isEqualTo("UNKNOWN_FIELD");

        JsonNode deadLetter = listedDeadLetter(SOURCE, approval.id());
        assertThat(deadLetter.get("failure").asString()).isEqualTo("the parked payload no longer decodes");
        assertThat(deadLetter.get("violations").get(0).get("code").asString()).isEqualTo("UNKNOWN_FIELD");
        assertThat(http().get().uri("/api/v1/dead-letters/{id}/payload", deadLetter.get("id").asLong()).retrieve().body(byte[].class))
                .isEqualTo(storedPayload);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deadLetters(RejectionCode.UNKNOWN_FIELD) - unknownFieldBefore == 1);
        assertConsumedPast(sentinel.id(), SOURCE);
    }

    /** The poison event: rejected as INTERNAL in the ledger, on the outcomes topic and over HTTP; kept as a dead letter. */
    private void assertSetAside(String source, BankEvent poison, String topic, String eventPath, String failure) {
        assertThat(status(source, poison.id())).isEqualTo("REJECTED");
        JsonNode view = getJson(eventPath);
        assertThat(view.get("status").asString()).isEqualTo("REJECTED");
        assertThat(view.get("violations").get(0).get("code").asString()).isEqualTo("INTERNAL");

        List<IntakeOutcome> outcomes = awaitPublished(source, List.of(poison.id())).get(poison.id());
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0).status()).isEqualTo(IntakeOutcome.Status.REJECTED);
        assertThat(outcomes.get(0).type()).isEqualTo(poison.type().typeName());
        assertThat(outcomes.get(0).violations()).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("$", RejectionCode.INTERNAL));

        Map<String, Object> row = jdbc.queryForMap("SELECT kafka_topic, key_bytes, payload, failure, violations"
                + " FROM intake_dead_letter WHERE source = ? AND event_id = ?", source, poison.id());
        assertThat(row.get("kafka_topic")).isEqualTo(topic);
        assertThat((byte[]) row.get("payload")).isEqualTo(TestEvents.json(poison).getBytes(StandardCharsets.UTF_8));
        assertThat((byte[]) row.get("key_bytes")).isEqualTo("key".getBytes(StandardCharsets.UTF_8));
        assertThat((String) row.get("failure")).contains(failure);
        assertThat((String) row.get("violations")).contains("INTERNAL");

        JsonNode listed = listedDeadLetter(source, poison.id());
        assertThat(listed.get("topic").asString()).isEqualTo(topic);
        assertThat(listed.get("failure").asString()).contains(failure);
        assertThat(listed.get("payloadBytes").asLong()).isEqualTo(((byte[]) row.get("payload")).length);
    }

    /** The event's entry in {@code GET /api/v1/dead-letters}, which lists the newest first. */
    private JsonNode listedDeadLetter(String source, String eventId) {
        JsonNode page = getJson("/api/v1/dead-letters?limit=1000");
        List<Long> ids = new ArrayList<>();
        JsonNode found = null;
        for (JsonNode entry : page) {
            ids.add(entry.get("id").asLong());
            if (source.equals(entry.get("source").asString(null)) && eventId.equals(entry.get("eventId").asString(null))) {
                found = entry;
            }
        }
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(found).as("listed: " + eventId).isNotNull();
        return found;
    }

    /** The group's committed offset is past the record of the event: the consumer went on. */
    private void assertConsumedPast(String eventId, String source) throws Exception {
        Map<String, Object> at = jdbc.queryForMap("SELECT kafka_topic, kafka_partition, kafka_offset FROM intake_event"
                + " WHERE source = ? AND event_id = ?", source, eventId);
        TopicPartition partition = new TopicPartition((String) at.get("kafka_topic"), ((Number) at.get("kafka_partition")).intValue());
        long offset = ((Number) at.get("kafka_offset")).longValue();
        try (Admin admin = SharedInfrastructure.kafka().admin()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("intake-service").partitionsToOffsetAndMetadata()
                        .get().get(partition);
                return committed != null && committed.offset() > offset;
            });
        }
    }

    private double deadLetters(RejectionCode reason) {
        return meters.get("intake.dead.letters").tag("reason", reason.name()).counter().count();
    }

}
