package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.infra.TopicReader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
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
    private static final String INSURER = "TOPIC-PICC";
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

    /**
     * 科技保险: an insurer hears on its own tf.insurer.&lt;code&gt;.results.v1 of its events and of the
     * claims on its policies; intake and subsidy-batch name it in the field banks' codes travel in.
     */
    @Test
    void anInsurersResultsGoToTheInsurersTopic() {
        SharedInfrastructure.provisionInsurers(INSURER);
        IntakeOutcome policy = new IntakeOutcome("i-e1", EventSource.insurer(INSURER), INSURER, "techpolicy.issued.v1",
                IntakeOutcome.Status.ACCEPTED, List.of(), Topics.insurerEvents(INSURER), 2, 9L, Instant.parse("2025-10-01T01:00:00Z"));
        String claimId = UUID.nameUUIDFromBytes(("TECH_INSURANCE_PREMIUM:" + INSURER + ":KJX-1").getBytes(StandardCharsets.UTF_8)).toString();
        ClaimEvent claim = new ClaimEvent(claimId, 1, ClaimEvent.Program.TECH_INSURANCE_PREMIUM, INSURER, TestData.uscc(104),
                "KJX-1", "KJX-1", null, null, LocalDate.of(2026, 2, 10), new BigDecimal("30000.00"), new BigDecimal("0.50"),
                new BigDecimal("15000.00"), ClaimEvent.Status.COMPUTED, List.of(), "2025.1", null, Instant.parse("2026-02-11T02:00:00Z"));
        send(Topics.INTAKE_OUTCOMES, INSURER, ContractJson.write(policy));
        send(Topics.SUBSIDY_CLAIMS, claim.uscc(), ContractJson.write(claim));

        assertThat(awaitSettled(INSURER, 2)).allSatisfy(r -> assertThat(r.status()).isEqualTo("DELIVERED"));
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(SharedInfrastructure.kafka().bootstrapServers(),
                Topics.insurerResults(INSURER));
        assertThat(records).extracting(r -> ContractJson.read(r.value(), BankResult.class).id())
                .containsExactlyInAnyOrder("event/i-e1", "claim/" + claimId + "@1");
        ClaimChanged told = (ClaimChanged) records.stream().map(r -> ContractJson.read(r.value(), BankResult.class))
                .filter(r -> r.type().equals(ClaimChanged.TYPE)).findFirst().orElseThrow().data();
        assertThat(told.program()).isEqualTo(ClaimEvent.Program.TECH_INSURANCE_PREMIUM);
        assertThat(told.approvalNo()).as("the policy number").isEqualTo("KJX-1");

        String insurer = TOKENS.insurerToken(INSURER);
        JsonNode own = JSON.readTree(api(insurer).get().uri("/api/v1/deliveries").retrieve().body(String.class));
        assertThat(own).extracting(d -> d.get("recipient").asString()).as("the insurer reads its own deliveries").containsOnly(INSURER)
                .hasSize(2);
        assertThat(api(insurer).get().uri("/api/v1/deliveries?recipient=" + BANK).retrieve().toBodilessEntity().getStatusCode().value())
                .as("and no bank's").isEqualTo(403);
    }

    /** An insurer registers a webhook of its own, as a bank does; its results are then POSTed there too, signed. */
    @Test
    void anInsurersWebhookHearsItsResultsToo() {
        String insurer = "HOOK-CPIC";
        String secret = "insurer-webhook-secret-0123456789abcdef";
        SharedInfrastructure.provisionInsurers(insurer);
        BANKS.stubFor(post(urlEqualTo(hookPath(insurer))).willReturn(aResponse().withStatus(200)));
        Map<String, String> registration = Map.of("url", BANKS.baseUrl() + hookPath(insurer), "keyId", "k1", "secret", secret);
        assertThat(api(TOKENS.bankToken(insurer)).put().uri("/api/v1/insurers/{code}/webhook", insurer)
                .contentType(MediaType.APPLICATION_JSON).body(registration).retrieve().toBodilessEntity().getStatusCode().value())
                .as("a bank's token is no insurer's").isEqualTo(403);
        assertThat(api(TOKENS.insurerToken(INSURER)).put().uri("/api/v1/insurers/{code}/webhook", insurer)
                .contentType(MediaType.APPLICATION_JSON).body(registration).retrieve().toBodilessEntity().getStatusCode().value())
                .as("nor another insurer's").isEqualTo(403);
        assertThat(api(TOKENS.insurerToken(insurer)).put().uri("/api/v1/insurers/{code}/webhook", insurer)
                .contentType(MediaType.APPLICATION_JSON).body(registration).retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(200);
        assertThat(JSON.readTree(api(TOKENS.insurerToken(insurer)).get().uri("/api/v1/insurers/{code}/webhook", insurer).retrieve()
                .body(String.class)).get("keyId").asString()).isEqualTo("k1");

        IntakeOutcome policy = new IntakeOutcome("h-e1", EventSource.insurer(insurer), insurer, "techpolicy.issued.v1",
                IntakeOutcome.Status.ACCEPTED, List.of(), Topics.insurerEvents(insurer), 0, 3L, Instant.parse("2025-10-02T01:00:00Z"));
        send(Topics.INTAKE_OUTCOMES, insurer, ContractJson.write(policy));

        assertThat(awaitSettled(insurer, 2)).extracting(Row::channel).containsExactlyInAnyOrder("KAFKA", "WEBHOOK");
        List<ServeEvent> calls = webhookCalls(insurer);
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.get(0).getRequest();
        assertThat(new WebhookVerifier(Map.of("k1", secret)).verify(call.getHeader("X-TF-Key-Id"), call.getHeader("X-TF-Timestamp"),
                call.getHeader("X-TF-Signature"), call.getBody(), Instant.now())).as("signed with the insurer's key").isTrue();
        assertThat(ContractJson.read(call.getBody(), BankResult.class).id()).isEqualTo("event/h-e1");
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
