package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.infra.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/**
 * Intake's own limits on an event, below the broker's: a record over the size limit is rejected
 * unread, one nesting too deep is read no further than the limit; each gets its rejection, named by
 * its id, and the records after it go on. What the broker refuses never reaches intake.
 */
class EventLimitsTest extends IntakeIntegrationTest {

    private static final String BANK = "LIMITS-SH";
    private static final String SOURCE = EventSource.bank(BANK);

    @Test
    void an900KbEventIsRejectedAsTooLargeAndTheNextRecordsGoOn() {
        String json = envelope("huge-1", "{\"contractNo\":\"C-1\",\"padding\":\"" + "x".repeat(900 * 1024) + "\"}");
        sendRaw(Topics.bankEvents(BANK), json);
        List<BankEvent> next = TestEvents.exampleLoan(BANK, "after-huge-", 11);
        send(next);

        assertThat(awaitStatus(SOURCE, "huge-1")).isEqualTo("REJECTED");
        IntakeOutcome outcome = awaitPublished(SOURCE, List.of("huge-1")).get("huge-1").get(0);
        assertThat(outcome.status()).isEqualTo(IntakeOutcome.Status.REJECTED);
        assertThat(outcome.type()).isEqualTo("loan.settled.v1");
        assertThat(outcome.violations()).containsExactly(new Violation("$", RejectionCode.TOO_LARGE,
                "the record is " + json.getBytes(StandardCharsets.UTF_8).length + " bytes, more than the limit of 262144 bytes"));
        next.forEach(e -> assertThat(awaitStatus(SOURCE, e.id())).isEqualTo("ACCEPTED"));
    }

    @Test
    void tenThousandNestedArraysAreRejectedAsTooDeepAndTheNextRecordsGoOn() {
        sendRaw(Topics.bankEvents(BANK), envelope("deep-1", "[".repeat(10_000) + "]".repeat(10_000)));
        List<BankEvent> next = TestEvents.exampleLoan(BANK, "after-deep-", 12);
        send(next);

        assertThat(awaitStatus(SOURCE, "deep-1")).isEqualTo("REJECTED");
        IntakeOutcome outcome = awaitPublished(SOURCE, List.of("deep-1")).get("deep-1").get(0);
        assertThat(outcome.violations()).containsExactly(new Violation("$", RejectionCode.TOO_DEEP,
                "objects and arrays nest more than 64 levels deep; the record was read no further"));
        next.forEach(e -> assertThat(awaitStatus(SOURCE, e.id())).isEqualTo("ACCEPTED"));
    }

    @Test
    void aTooDeepRecordWithoutReadableIdIsDeadLetteredWithItsRejection() {
        String topic = Topics.bankEvents(BANK);
        sendRaw(topic, "[".repeat(10_000) + "]".repeat(10_000));
        List<BankEvent> next = TestEvents.exampleLoan(BANK, "after-deep-anonymous-", 13);
        send(next);
        next.forEach(e -> assertThat(awaitStatus(SOURCE, e.id())).isEqualTo("ACCEPTED"));

        assertThat(jdbc.queryForList("SELECT violations FROM intake_dead_letter WHERE kafka_topic = ?", String.class, topic))
                .anySatisfy(v -> assertThat(v).contains("TOO_DEEP"));
        awaitOutboxRelayed();
        assertThat(publishedOutcomes()).anySatisfy(o -> {
            assertThat(o.eventId()).isNull();
            assertThat(o.topic()).isEqualTo(topic);
            assertThat(o.violations()).extracting(Violation::code).containsExactly(RejectionCode.TOO_DEEP);
        });
    }

    /** The bank's producer is told at once: the broker (or the producer's own max.request.size) refuses the record. */
    @Test
    void aRecordOverTheBrokersLimitFailsAtTheProducerAndNeverReachesIntake() {
        String topic = Topics.bankEvents(BANK);
        SharedInfrastructure.provisionBanks(BANK);
        byte[] value = envelope("over-broker-limit", "\"" + "x".repeat(1_100_000) + "\"").getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> bank = TopicWriter.producer(SharedInfrastructure.kafka().bootstrapServers())) {
            assertThatThrownBy(() -> bank.send(new ProducerRecord<>(topic, "key", value)).get())
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }
        List<BankEvent> next = TestEvents.exampleLoan(BANK, "after-over-broker-limit-", 14);
        send(next);
        next.forEach(e -> assertThat(awaitStatus(SOURCE, e.id())).isEqualTo("ACCEPTED"));
        assertThat(status(SOURCE, "over-broker-limit")).isNull();
    }

    private static String envelope(String id, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + SOURCE + "\",\"type\":\"loan.settled.v1\","
                + "\"time\":\"2026-03-15T16:00:00+08:00\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
    }
}
