package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.contracts.results.BankResult;
import cn.shanghai.techfinance.contracts.results.ClaimChanged;
import cn.shanghai.techfinance.contracts.results.EventDecided;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a bank finds on tf.bank.&lt;bankCode&gt;.results.v1: one CloudEvent per outcome of its events
 * and per change of a claim on its loans, keyed by subject, in the documented v1 form; nothing
 * for another bank, nothing for the credit platform's events, nothing for an unreadable record.
 */
class BankResultsTopicTest extends NotifierIntegrationTest {

    private static final String BANK = "TOPIC-SH";
    private static final String OTHER_BANK = "TOPIC-BJ";
    private static final String THIRD_BANK = "TOPIC-GZ";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyOutcomeAndClaimChangeBecomesOneResultOnTheBanksTopic() {
        IntakeOutcome accepted = TestData.accepted(BANK, "t-e1");
        IntakeOutcome rejected = TestData.rejected(BANK, "t-e2");
        IntakeOutcome unreadable = new IntakeOutcome(null, null, BANK, null, IntakeOutcome.Status.REJECTED,
                List.of(new Violation("$", RejectionCode.MALFORMED_JSON, "the record is not a JSON object")),
                Topics.bankEvents(BANK), 3, 77L, Instant.parse("2025-10-01T01:00:02Z"));
        IntakeOutcome credit = new IntakeOutcome("c-1", EventSource.CREDIT_PLATFORM, null, "firm.dishonesty-listed.v1",
                IntakeOutcome.Status.ACCEPTED, List.of(), Topics.CREDIT_EVENTS, 0, 5L, Instant.parse("2025-10-01T01:00:03Z"));
        ClaimEvent computed = TestData.lydClaim(BANK, TestData.uscc(101), "P-T1", 1, ClaimEvent.Status.COMPUTED);
        ClaimEvent published = TestData.lydClaim(BANK, TestData.uscc(101), "P-T1", 2, ClaimEvent.Status.PUBLISHED);
        ClaimEvent ineligible = new ClaimEvent(TestData.hkzdClaimId(BANK, "C-T9", 2), 1, ClaimEvent.Program.HKZD_INTEREST, BANK,
                TestData.uscc(102), "A-T9", "P-T9", "C-T9", 2, LocalDate.of(2026, 1, 20), null, null, null,
                ClaimEvent.Status.INELIGIBLE, List.of("NOT_TECH_FIRM", "OVERDUE"), "HKZD-2025.1", null,
                Instant.parse("2026-01-21T00:00:00Z"));

        publish(accepted, rejected, unreadable, credit, TestData.accepted(OTHER_BANK, "t-e1"));
        publish(computed, published, ineligible);
        String computedId = "claim/" + computed.claimId() + "@1";
        String publishedId = "claim/" + published.claimId() + "@2";
        String ineligibleId = "claim/" + ineligible.claimId() + "@1";

        awaitSettled(BANK, 6);
        List<ConsumerRecord<byte[], byte[]>> records = results(BANK);
        Map<String, ConsumerRecord<byte[], byte[]>> byId = records.stream()
                .collect(Collectors.toMap(r -> ContractJson.read(r.value(), BankResult.class).id(), Function.identity()));
        assertThat(byId).as("one result per fact, nothing else").containsOnlyKeys("event/t-e1", "event/t-e2",
                "record/tf.bank.TOPIC-SH.events.v1/3/77", computedId, publishedId, ineligibleId);

        for (ConsumerRecord<byte[], byte[]> record : records) {
            BankResult result = ContractJson.read(record.value(), BankResult.class);
            assertThat(utf8(record.key())).as("key of %s", result.id()).isEqualTo(result.subject());
            assertThat(utf8(record.headers().lastHeader("content-type").value()))
                    .isEqualTo("application/cloudevents+json; charset=UTF-8");
            JsonNode json = JSON.readTree(record.value());
            assertThat(json.get("specversion").asString()).isEqualTo("1.0");
            assertThat(json.get("source").asString()).isEqualTo("techfinance/notifier");
            assertThat(json.get("datacontenttype").asString()).isEqualTo("application/json");
        }

        BankResult rejectedResult = ContractJson.read(byId.get("event/t-e2").value(), BankResult.class);
        assertThat(rejectedResult.type()).isEqualTo("event.decided.v1");
        assertThat(rejectedResult.time()).isEqualTo(rejected.decidedAt());
        assertThat(rejectedResult.data()).isEqualTo(new EventDecided("t-e2", "loan.disbursed.v1", IntakeOutcome.Status.REJECTED,
                rejected.violations(), Topics.bankEvents(BANK), 1, 11L, rejected.decidedAt()));
        assertThat(ContractJson.read(byId.get("record/tf.bank.TOPIC-SH.events.v1/3/77").value(), BankResult.class).subject())
                .isEqualTo("tf.bank.TOPIC-SH.events.v1/3/77");

        BankResult publishedResult = ContractJson.read(byId.get(publishedId).value(), BankResult.class);
        assertThat(publishedResult.type()).isEqualTo("claim.changed.v1");
        assertThat(publishedResult.subject()).isEqualTo(published.claimId());
        assertThat(publishedResult.data()).isEqualTo(ClaimChanged.of(published));
        JsonNode publishedData = JSON.readTree(byId.get(publishedId).value()).get("data");
        assertThat(publishedData.get("amount").isString()).as("money is a string").isTrue();
        assertThat(publishedData.get("amount").asString()).isEqualTo("22500.00");
        assertThat(publishedData.get("confirmationDeadline").asString()).isEqualTo("2026-03-20");

        ClaimChanged ineligibleData = (ClaimChanged) ContractJson.read(
                byId.get(ineligibleId).value(), BankResult.class).data();
        assertThat(ineligibleData.amount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(ineligibleData.reasons()).containsExactly("NOT_TECH_FIRM", "OVERDUE");

        assertThat(results(OTHER_BANK)).extracting(r -> ContractJson.read(r.value(), BankResult.class).id())
                .as("the other bank hears of its own event only").containsExactly("event/t-e1");
        assertThat(ledgerRows(BANK)).as("no webhook registered: the topic only")
                .allSatisfy(r -> assertThat(r.channel()).isEqualTo("KAFKA"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo("DELIVERED"))
                .allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1))
                .hasSize(6);
    }

    @Test
    void anUnreadableRecordIsKeptAsideAndDoesNotHoldUpTheNext() {
        var bad = send(Topics.SUBSIDY_CLAIMS, "not-a-uscc", "{\"claimId\": 12".getBytes(StandardCharsets.UTF_8));
        ClaimEvent next = TestData.lydClaim(THIRD_BANK, TestData.uscc(103), "P-T3", 1, ClaimEvent.Status.CONFIRMED);
        publish(next);

        await().atMost(Duration.ofSeconds(60)).until(() -> results(THIRD_BANK).stream()
                .anyMatch(r -> ContractJson.read(r.value(), BankResult.class).id().equals("claim/" + next.claimId() + "@1")));
        Map<String, Object> kept = jdbc.queryForMap(
                "SELECT problem, payload FROM dead_letter WHERE kafka_topic = ? AND kafka_partition = ? AND kafka_offset = ?",
                bad.topic(), bad.partition(), bad.offset());
        assertThat(utf8((byte[]) kept.get("payload"))).isEqualTo("{\"claimId\": 12");
        assertThat((String) kept.get("problem")).isNotBlank();
    }
}
