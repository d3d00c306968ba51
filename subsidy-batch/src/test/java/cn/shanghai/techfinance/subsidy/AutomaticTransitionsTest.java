package cn.shanghai.techfinance.subsidy;

import static cn.shanghai.techfinance.security.ProblemAssertions.assertProblem;
import static cn.shanghai.techfinance.security.ProblemAssertions.problemDetail;
import static cn.shanghai.techfinance.subsidy.LifecycleFixture.hkzdClaimId;
import static cn.shanghai.techfinance.subsidy.LifecycleFixture.lydClaimId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.AuditTrail;
import cn.shanghai.techfinance.subsidy.claims.AuditTrail.ClaimTransition;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The night's automatic transitions (subsidy-rules.md §5) from bank events through intake and the
 * ledger: forfeiture the day after confirmBy, forfeiture before cancellation on one date, a policy
 * cancelled after settlement cancelling the claim or, once paid, clawing it back, and the officer's
 * recovery; a crash in the middle of the step and its restart. Publication, confirmation and payment
 * are played by {@link LifecycleFixture}. Each test has its own loans and its own nights (November
 * 2026; January 2027 for the crash), which no other test class runs.
 */
class AutomaticTransitionsTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** One bank per test: a bank's event ids count from 1 in each story. */
    private static final String BANK = "AUTO-F";
    private static final String STEP = "applyTransitions";

    @Autowired
    NightlyRuns runs;

    @Autowired
    ClaimStore claimStore;

    @Autowired
    AuditTrail trail;

    @Autowired
    BusinessClock businessClock;

    @Autowired
    PlatformTransactionManager transactionManager;

    private LifecycleFixture people() {
        return new LifecycleFixture(claimStore, transactionManager);
    }

    private static LoanStories lyd(LoanStories s, String key, int firm, LocalDate settledOn) {
        return s.lyd(key, LoanStories.firm(LoanStories.uscc(firm), "3911", true), LocalDate.of(2026, 1, 5), "45000.00",
                LocalDate.of(2026, 1, 10), settledOn);
    }

    @Test
    void aPublishedClaimIsForfeitedTheNightAfterConfirmByAndNotOnIt() {
        LoanStories s = lyd(new LoanStories(BANK), "f1", 7_100_001, LocalDate.of(2026, 11, 2));
        sendAndAwaitAccepted(s.events());
        String id = lydClaimId(BANK, "f1");
        night(LocalDate.of(2026, 11, 2));
        people().publish(id, LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 5));

        night(LocalDate.of(2026, 11, 5));
        assertThat(people().claim(id).status()).as("on confirmBy the firm may still confirm").isEqualTo(ClaimStatus.PUBLISHED);

        JobExecution after = night(LocalDate.of(2026, 11, 6));
        ClaimRecord forfeited = people().claim(id);
        assertThat(forfeited.status()).isEqualTo(ClaimStatus.FORFEITED);
        assertThat(forfeited.version()).isEqualTo(3);
        assertThat(forfeited.amount()).isEqualByComparingTo("22500.00");
        assertThat(trail.ofClaim(id)).extracting(ClaimTransition::from, ClaimTransition::to, ClaimTransition::actor,
                        ClaimTransition::businessDate)
                .containsExactly(tuple(null, ClaimStatus.COMPUTED, Actor.NIGHTLY, LocalDate.of(2026, 11, 2)),
                        tuple(ClaimStatus.COMPUTED, ClaimStatus.PUBLISHED, LifecycleFixture.ACTOR, LocalDate.of(2026, 11, 3)),
                        tuple(ClaimStatus.PUBLISHED, ClaimStatus.FORFEITED, Actor.NIGHTLY, LocalDate.of(2026, 11, 6)));
        assertCountsMatchTheTrail(after, 1);
    }

    @Test
    void onOneDateAForfeitureComesBeforeACancellation() {
        String bank = "AUTO-FC";
        LoanStories s = new LoanStories(bank);
        lyd(s, "fc", 7_100_011, LocalDate.of(2026, 11, 9)).policyCancelled("fc", LocalDate.of(2026, 11, 12));
        lyd(s, "fc2", 7_100_012, LocalDate.of(2026, 11, 9)).policyCancelled("fc2", LocalDate.of(2026, 11, 12));
        s.hkzd("fcd", LoanStories.firm(LoanStories.uscc(7_100_013), "3911", true), false, "0.0345", "0.0310",
                LocalDate.of(2026, 6, 1), List.<String[]>of(new String[] {"10000.00", "2026-11-10", "2026-11-09"}));
        s.defaulted("fcd", LocalDate.of(2026, 11, 12));
        sendAndAwaitAccepted(s.events());
        night(LocalDate.of(2026, 11, 9));
        LifecycleFixture people = people();
        // confirmBy 11-11: forfeited as of 11-12, the day both the policy and the loan end
        people.publish(lydClaimId(bank, "fc"), LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 11));
        people.publish(hkzdClaimId(bank, "fcd", 1), LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 11));
        // confirmBy 11-12: not forfeited yet that day, so the cancellation applies
        people.publish(lydClaimId(bank, "fc2"), LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 12));

        night(LocalDate.of(2026, 11, 12));
        assertThat(people.claim(lydClaimId(bank, "fc"))).extracting(ClaimRecord::status, ClaimRecord::reasons, ClaimRecord::version)
                .containsExactly(ClaimStatus.FORFEITED, List.of(), 3L);
        assertThat(people.claim(hkzdClaimId(bank, "fcd", 1))).extracting(ClaimRecord::status, ClaimRecord::reasons, ClaimRecord::version)
                .containsExactly(ClaimStatus.FORFEITED, List.of(), 3L);
        assertThat(people.claim(lydClaimId(bank, "fc2"))).extracting(ClaimRecord::status, ClaimRecord::reasons, ClaimRecord::version)
                .containsExactly(ClaimStatus.CANCELLED, List.of(ReasonCode.POLICY_CANCELLED), 3L);
        assertThat(jdbc.queryForList("SELECT processed FROM cancelled_policy WHERE bank_code = ? AND policy_no IN ('Y-fc', 'Y-fc2')",
                Boolean.class, bank)).containsExactly(true, true);
        assertThat(jdbc.queryForObject("SELECT processed FROM defaulted_contract WHERE bank_code = ? AND contract_no = ?",
                Boolean.class, bank, "HC-fcd")).isTrue();
    }

    @Test
    void aPolicyCancelledAfterSettlementCancelsTheUnpaidClaimAndOneCancelledBeforeCountsOnlyInTheBase() {
        String bank = "AUTO-PC";
        LoanStories s = new LoanStories(bank);
        // both cancellations are in the ledger before their claims exist
        lyd(s, "pc1", 7_100_021, LocalDate.of(2026, 11, 16)).policyCancelled("pc1", LocalDate.of(2026, 11, 18));
        lyd(s, "pc0", 7_100_022, LocalDate.of(2026, 11, 16)).policyCancelled("pc0", LocalDate.of(2026, 11, 10));
        sendAndAwaitAccepted(s.events());
        String cancelled = lydClaimId(bank, "pc1");
        String before = lydClaimId(bank, "pc0");
        night(LocalDate.of(2026, 11, 16));
        LifecycleFixture people = people();
        assertThat(people.claim(before)).extracting(ClaimRecord::status, ClaimRecord::amount)
                .as("the policy cancelled before settlement paid nothing that counts")
                .containsExactly(ClaimStatus.COMPUTED, new java.math.BigDecimal("0.00"));
        people.publish(cancelled, LocalDate.of(2026, 11, 17), LocalDate.of(2026, 11, 20));
        people.confirm(cancelled, LocalDate.of(2026, 11, 18));

        night(LocalDate.of(2026, 11, 17));
        assertThat(people.claim(cancelled).status()).isEqualTo(ClaimStatus.CONFIRMED);
        night(LocalDate.of(2026, 11, 18));
        ClaimRecord claim = people.claim(cancelled);
        assertThat(claim).extracting(ClaimRecord::status, ClaimRecord::reasons, ClaimRecord::version)
                .containsExactly(ClaimStatus.CANCELLED, List.of(ReasonCode.POLICY_CANCELLED), 4L);
        assertThat(claim.amount()).isEqualByComparingTo("22500.00");
        assertThat(claim.payee()).as("kept, as everything but the state").isNotNull();
        assertThat(people.claim(before).version()).as("not cancelled twice").isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT processed FROM cancelled_policy WHERE bank_code = ? AND policy_no IN ('Y-pc0', 'Y-pc1')",
                Boolean.class, bank)).containsExactly(true, true);

        ClaimEvent event = await().atMost(Duration.ofSeconds(30)).until(() -> publishedClaimEvents().stream()
                .filter(e -> e.claimId().equals(cancelled) && e.version() == 4).findFirst(), java.util.Optional::isPresent).get();
        assertThat(event.status()).isEqualTo(ClaimEvent.Status.CANCELLED);
        assertThat(event.reasons()).containsExactly("POLICY_CANCELLED");
    }

    @Test
    void aPolicyCancelledAfterPaymentIsClawedBackAndAnOfficerRecordsTheRecovery() {
        String bank = "AUTO-CB";
        LoanStories s = new LoanStories(bank);
        lyd(s, "cb", 7_100_031, LocalDate.of(2026, 11, 23)).policyCancelled("cb", LocalDate.of(2026, 11, 26));
        lyd(s, "cb2", 7_100_032, LocalDate.of(2026, 11, 23));
        sendAndAwaitAccepted(s.events());
        String id = lydClaimId(bank, "cb");
        String computed = lydClaimId(bank, "cb2");
        night(LocalDate.of(2026, 11, 23));
        LifecycleFixture people = people();
        people.publish(id, LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 27));
        people.confirm(id, LocalDate.of(2026, 11, 24));
        people.pay(id, LocalDate.of(2026, 11, 25));

        night(LocalDate.of(2026, 11, 26));
        ClaimRecord due = people.claim(id);
        assertThat(due).extracting(ClaimRecord::status, ClaimRecord::reasons, ClaimRecord::version)
                .containsExactly(ClaimStatus.CLAWBACK_DUE, List.of(), 5L);
        assertThat(due.amount()).as("the whole amount is due back").isEqualByComparingTo("22500.00");

        businessClock.set(LocalDate.of(2026, 11, 27));
        String path = "/api/v1/claims/{claimId}/recovery";
        for (String token : List.of(TOKENS.token("AUDITOR"), TOKENS.token("APPROVER"), TOKENS.bankToken(bank),
                TOKENS.firmToken(due.uscc()))) {
            assertProblem(post(token, path, id, "{\"reference\":\"HX-1\"}"), HttpStatus.FORBIDDEN);
        }
        String officer = TOKENS.mint(List.of("OFFICER"), null, null, "wang", Duration.ofMinutes(5));
        assertThat(problemDetail(post(officer, path, id, "{\"reference\":\"" + "R".repeat(65) + "\"}"), HttpStatus.BAD_REQUEST))
                .isEqualTo("'reference' must be at most 64 characters");
        assertThat(people.claim(id).status()).isEqualTo(ClaimStatus.CLAWBACK_DUE);

        JsonNode recovered = json(post(officer, path, id, "{\"reference\":\"HX-2026-1127\"}"), HttpStatus.OK);
        assertThat(recovered.get("claimId").asString()).isEqualTo(id);
        assertThat(recovered.get("status").asString()).isEqualTo("RECOVERED");
        assertThat(recovered.get("bankCode").asString()).isEqualTo(bank);
        assertThat(recovered.get("uscc").asString()).isEqualTo(due.uscc());
        assertThat(recovered.get("amount").decimalValue()).isEqualByComparingTo("22500.00");
        assertThat(trail.ofClaim(id)).last().extracting(ClaimTransition::from, ClaimTransition::to, ClaimTransition::actor,
                        ClaimTransition::businessDate, ClaimTransition::reference)
                .containsExactly(ClaimStatus.CLAWBACK_DUE, ClaimStatus.RECOVERED, "wang", LocalDate.of(2026, 11, 27), "HX-2026-1127");

        // a repeat answers the claim unchanged; it records nothing
        JsonNode again = json(post(officer, path, id, null), HttpStatus.OK);
        assertThat(again.get("status").asString()).isEqualTo("RECOVERED");
        assertThat(people.claim(id).version()).isEqualTo(6);
        assertThat(trail.ofClaim(id)).hasSize(6);

        assertThat(problemDetail(post(officer, path, computed, null), HttpStatus.CONFLICT))
                .contains("COMPUTED").contains("CLAWBACK_DUE");
        assertThat(people.claim(computed).version()).isEqualTo(1);
        assertProblem(post(officer, path, "no-such-claim", null), HttpStatus.NOT_FOUND);
    }

    /**
     * A crash in the middle of the step (the database refusing one claim's update, two transitions to a
     * transaction in the tests): what committed before it stays, once; the restart applies the rest, once.
     */
    @Test
    void aNightThatCrashesWhileApplyingTransitionsAppliesEachOnceWhenRestarted() {
        String bank = "AUTO-RS";
        LoanStories s = new LoanStories(bank);
        for (int i = 1; i <= 5; i++) {
            lyd(s, "rs" + i, 7_100_040 + i, LocalDate.of(2027, 1, 18));
        }
        sendAndAwaitAccepted(s.events());
        night(LocalDate.of(2027, 1, 18));
        LifecycleFixture people = people();
        for (int i = 1; i <= 5; i++) {
            // forfeited as of 01-19 … 01-23: applied in that order
            people.publish(lydClaimId(bank, "rs" + i), LocalDate.of(2027, 1, 19), LocalDate.of(2027, 1, 17 + i));
        }
        String crashOn = lydClaimId(bank, "rs4");
        jdbc.execute("CREATE TRIGGER crash_in_transitions BEFORE UPDATE ON claim FOR EACH ROW IF NEW.claim_id = '" + crashOn
                + "' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'simulated crash in the middle of the transitions'; END IF");
        JobExecution crashed;
        try {
            crashed = runs.runToEnd(LocalDate.of(2027, 1, 25));
        } finally {
            jdbc.execute("DROP TRIGGER crash_in_transitions");
        }
        assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(crashed).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(crashed).getCommitCount()).as("chunks committed before the crash").isPositive();
        assertThat(people.claim(lydClaimId(bank, "rs1")).status()).as("in a chunk before the crash").isEqualTo(ClaimStatus.FORFEITED);
        assertThat(people.claim(lydClaimId(bank, "rs4")).status()).isEqualTo(ClaimStatus.PUBLISHED);
        assertThat(people.claim(lydClaimId(bank, "rs5")).status()).isEqualTo(ClaimStatus.PUBLISHED);

        JobExecution restarted = runs.runToEnd(LocalDate.of(2027, 1, 25));
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(crashed.getJobInstance().getInstanceId());
        assertThat(step(restarted).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(crashed).getWriteCount() + step(restarted).getWriteCount()).as("claims changed over both attempts")
                .isGreaterThanOrEqualTo(5);
        for (int i = 1; i <= 5; i++) {
            String id = lydClaimId(bank, "rs" + i);
            assertThat(people.claim(id)).extracting(ClaimRecord::status, ClaimRecord::version)
                    .containsExactly(ClaimStatus.FORFEITED, 3L);
            assertThat(trail.ofClaim(id)).extracting(ClaimTransition::to)
                    .containsExactly(ClaimStatus.COMPUTED, ClaimStatus.PUBLISHED, ClaimStatus.FORFEITED);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM outbox_batch", Integer.class) == 0);
        for (int i = 1; i <= 5; i++) {
            String id = lydClaimId(bank, "rs" + i);
            assertThat(publishedClaimEvents().stream().filter(e -> e.claimId().equals(id)).map(ClaimEvent::version))
                    .as("one event per version of " + id).containsExactly(1L, 2L, 3L);
        }
    }

    private JobExecution night(LocalDate date) {
        JobExecution execution = runs.runToEnd(date);
        assertThat(execution.getStatus()).as("night " + date).isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }

    private static StepExecution step(JobExecution night) {
        return night.getStepExecutions().stream().filter(s -> s.getStepName().equals(STEP)).findFirst().orElseThrow();
    }

    /** The step's counts as the progress API shows them: claims changed = the night's rows in the trail; at least ours. */
    private void assertCountsMatchTheTrail(JobExecution night, int ours) {
        LocalDate date = night.getJobParameters().getLocalDate("businessDate");
        Integer changed = jdbc.queryForObject("SELECT COUNT(*) FROM claim_transition WHERE actor = ? AND business_date = ?"
                + " AND from_status IS NOT NULL", Integer.class, Actor.NIGHTLY, date);
        assertThat(step(night).getWriteCount()).isEqualTo(changed.longValue()).isGreaterThanOrEqualTo(ours);
        assertThat(step(night).getReadCount()).isGreaterThanOrEqualTo(ours);
        JsonNode run = json(api().get().uri("/api/v1/runs/{id}", night.getId()).retrieve().toEntity(String.class), HttpStatus.OK);
        JsonNode progress = run.get("steps").valueStream().filter(st -> st.get("name").asString().equals(STEP)).findFirst().orElseThrow();
        assertThat(progress.get("writeCount").asLong()).isEqualTo(changed.longValue());
        assertThat(progress.get("readCount").asLong()).isEqualTo(step(night).getReadCount());
    }

    private ResponseEntity<String> post(String token, String path, String claimId, String body) {
        var request = api(token).post().uri(path, claimId);
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(String.class);
    }

    private static JsonNode json(ResponseEntity<String> answer, HttpStatus status) {
        assertThat(answer.getStatusCode()).as(answer.toString()).isEqualTo(status);
        return JSON.readTree(answer.getBody());
    }
}
