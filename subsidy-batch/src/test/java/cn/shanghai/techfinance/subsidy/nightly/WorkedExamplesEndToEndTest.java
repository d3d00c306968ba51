package cn.shanghai.techfinance.subsidy.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.subsidy.EndToEndTest;
import cn.shanghai.techfinance.subsidy.LoanStoriesAccess;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * subsidy-rules.md §6's worked examples, from bank events on Kafka through intake and the ledger
 * to the nightly job's claims and claim events; and a default cancelling unpaid HKZD claims.
 */
class WorkedExamplesEndToEndTest extends EndToEndTest {

    private static final String BANK = "WORKED-SH";
    private static final int PARTITIONS = 2; // subsidy.nightly.partitions of EndToEndTest

    @Autowired
    NightlyRuns runs;

    @Test
    void workedExamplesBecomeClaimsNightByNight() {
        sendAndAwaitAccepted(LoanStoriesAccess.workedExamples(BANK));

        JobExecution early = runs.runToEnd(LocalDate.of(2026, 3, 14));
        // all seven firms are new: the four HKZD firms' instalments (ex4, ex5, ex6, dflt) are claimed,
        // the three LYD loans settle on 03-15, not yet (their units wait for that day); the defaulted
        // contract is handled and its two claims cancelled
        NightlySteps.of(early).completedCleanly(PARTITIONS)
                .counts(NightlySteps.COMPUTE, 7, 7, 0)
                .counts(NightlySteps.TRANSITIONS, 1, 2, 0);
        Map<String, Map<String, Object>> claims = claimsOf(BANK);
        assertThat(claims.values()).allMatch(c -> c.get("program").equals("HKZD")).hasSize(5);
        assertThat(claims.values().stream().map(c -> c.get("uscc")).distinct()).as("firms written").hasSize(4);
        assertThat(claims.values()).filteredOn(c -> c.get("status").equals("CANCELLED")).hasSize(2);

        JobExecution settlementNight = runs.runToEnd(LocalDate.of(2026, 3, 15));
        // the three LYD firms, due that day; no default left to handle
        NightlySteps.of(settlementNight).completedCleanly(PARTITIONS)
                .counts(NightlySteps.COMPUTE, 3, 3, 0)
                .counts(NightlySteps.TRANSITIONS, 0, 0, 0);
        claims = claimsOf(BANK);
        assertThat(claims.values()).filteredOn(c -> c.get("program").equals("LYD")).hasSize(3);

        assertClaim(claims, lyd("P-ex1"), "COMPUTED", "45000.00", "0.5000", "22500.00", "");
        assertClaim(claims, lyd("P-ex2"), "COMPUTED", "45000.00", "0.7000", "31500.00", "");
        assertClaim(claims, lyd("P-ex3"), "INELIGIBLE", "45000.00", "0.7000", "0.00", "NOT_TECH_FIRM");
        assertClaim(claims, hkzd("HC-ex4", 1), "COMPUTED", "12500.00", "0.5000", "5425.00", "RATE_CAPPED");
        assertClaim(claims, hkzd("HC-ex5", 1), "COMPUTED", "8333.33", "0.7000", "5833.33", "");
        assertClaim(claims, hkzd("HC-ex6", 1), "INELIGIBLE", "12500.00", "0.5000", "0.00", "OVERDUE");
        // instalments paid before the default were claimed, then cancelled when the loan defaulted
        assertClaim(claims, hkzd("HC-dflt", 1), "CANCELLED", "10000.00", "0.5000", "5000.00", "LOAN_DEFAULTED");
        assertClaim(claims, hkzd("HC-dflt", 2), "CANCELLED", "10000.00", "0.5000", "5000.00", "LOAN_DEFAULTED");
        assertThat(claims.get(lyd("P-ex1")).get("rule_version")).isEqualTo("2025.1");
        assertThat(claims.get(lyd("P-ex1")).get("trigger_date")).hasToString("2026-03-15");

        // every claim went out on tf.subsidy.claims.v1; the cancelled ones twice (computed, then cancelled)
        Set<String> claimIds = claims.keySet();
        Map<String, List<ClaimEvent>> events = await().atMost(Duration.ofSeconds(30)).until(
                () -> publishedClaimEvents().stream().filter(e -> BANK.equals(e.bankCode()))
                        .collect(Collectors.groupingBy(ClaimEvent::claimId)),
                published -> published.keySet().equals(claimIds)
                        && published.get(hkzd("HC-dflt", 1)).size() == 2);
        ClaimEvent example1 = events.get(lyd("P-ex1")).get(0);
        assertThat(example1.program()).isEqualTo(ClaimEvent.Program.LYD_PREMIUM);
        assertThat(example1.amount()).isEqualByComparingTo("22500.00");
        assertThat(example1.status()).isEqualTo(ClaimEvent.Status.COMPUTED);
        assertThat(events.get(hkzd("HC-dflt", 1))).extracting(ClaimEvent::version, ClaimEvent::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1L, ClaimEvent.Status.COMPUTED),
                        org.assertj.core.groups.Tuple.tuple(2L, ClaimEvent.Status.CANCELLED));

        // running a night again changes nothing: same claims, nothing more published
        long published = events.values().stream().mapToLong(List::size).sum();
        JobExecution again = runs.runToEnd(LocalDate.of(2026, 3, 15));
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(again.getId()).as("a completed night is not run again").isEqualTo(settlementNight.getId());
        assertThat(claimsOf(BANK)).isEqualTo(claims);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM outbox_batch", Integer.class) == 0);
        assertThat(publishedClaimEvents().stream().filter(e -> BANK.equals(e.bankCode()))).hasSize((int) published);
    }

    private static String lyd(String approvalNo) {
        return ClaimRecord.claimId(Program.LYD, BANK, approvalNo, null, null);
    }

    private static String hkzd(String contractNo, int installmentNo) {
        return ClaimRecord.claimId(Program.HKZD, BANK, null, contractNo, installmentNo);
    }

    private Map<String, Map<String, Object>> claimsOf(String bank) {
        return jdbc.queryForList("SELECT * FROM claim WHERE bank_code = ?", bank).stream()
                .collect(Collectors.toMap(r -> (String) r.get("claim_id"), r -> r));
    }

    private static void assertClaim(Map<String, Map<String, Object>> claims, String claimId, String status, String base,
                                    String ratio, String amount, String reasons) {
        assertThat(claims).containsKey(claimId);
        Map<String, Object> claim = claims.get(claimId);
        assertThat(claim.get("status")).as(claimId).isEqualTo(status);
        assertThat((BigDecimal) claim.get("base_amount")).as(claimId).isEqualByComparingTo(base);
        assertThat((BigDecimal) claim.get("ratio")).as(claimId).isEqualByComparingTo(ratio);
        assertThat((BigDecimal) claim.get("amount")).as(claimId).isEqualByComparingTo(amount);
        assertThat(claim.get("reasons")).as(claimId).isEqualTo(reasons);
    }
}
