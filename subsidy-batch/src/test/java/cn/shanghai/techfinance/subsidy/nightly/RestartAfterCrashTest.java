package cn.shanghai.techfinance.subsidy.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.subsidy.EndToEndTest;
import cn.shanghai.techfinance.subsidy.LoanStoriesAccess;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * A night that dies in the middle of computing claims, restarted, gives exactly what an
 * uninterrupted night gives: every claim once, with its amount, and one claim event each. A night
 * that fails because the database is away restarts by itself ({@link NightRecovery}).
 */
@Import(RestartAfterCrashTest.CrashOnce.class)
class RestartAfterCrashTest extends EndToEndTest {

    private static final String BANK = "RESTART-SH";
    private static final int FIRMS = 12;
    private static final int PARTITIONS = 2; // subsidy.nightly.partitions of EndToEndTest

    /** Fails the second chunk write of the night it is armed for, as a crash there (or the database going away) would. */
    @TestConfiguration
    static class CrashOnce {
        static final AtomicInteger writesUntilCrash = new AtomicInteger(-1);
        static volatile Supplier<RuntimeException> failure = () -> new IllegalStateException("simulated crash in the middle of the night");

        @Bean
        NightlyStepListener crashOnSecondWrite() {
            return new CrashingListener();
        }

        static class CrashingListener implements NightlyStepListener, ItemWriteListener<Object> {
            @Override
            public void beforeWrite(Chunk<?> items) {
                if (writesUntilCrash.getAndDecrement() == 0) {
                    throw failure.get();
                }
            }
        }
    }

    @Autowired
    NightlyRuns runs;

    @Test
    void restartedNightEqualsAnUninterruptedOne() {
        List<BankEvent> events = LoanStoriesAccess.hkzdFirms(BANK, FIRMS, 500);
        sendAndAwaitAccepted(events);
        LocalDate night = LocalDate.of(2026, 1, 31);

        CrashOnce.writesUntilCrash.set(1);
        JobExecution crashed = runs.runToEnd(night);
        assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
        int partial = count("SELECT COUNT(*) FROM claim WHERE bank_code = ?", BANK);
        assertThat(partial).isLessThan(FIRMS * 2);
        // discovery completed; one partition's second chunk crashed and was rolled back, its first
        // chunk and the other partition's chunks stand; the last step never ran
        NightlySteps crashedSteps = NightlySteps.of(crashed);
        assertThat(crashedSteps.step(NightlySteps.DISCOVER).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(crashedSteps.step(NightlySteps.COMPUTE).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(crashedSteps.byName()).doesNotContainKey(NightlySteps.TRANSITIONS);
        assertThat(crashedSteps.workers()).hasSize(PARTITIONS)
                .filteredOn(w -> w.getStatus() == BatchStatus.FAILED).singleElement()
                .satisfies(w -> assertThat(w.getRollbackCount()).isEqualTo(1));
        long writtenBeforeCrash = crashedSteps.step(NightlySteps.COMPUTE).getWriteCount();
        assertThat(writtenBeforeCrash).as("firms written before the crash, two claims each").isEqualTo(partial / 2);

        JobExecution restarted = runs.runToEnd(night);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(crashed.getJobInstance().getInstanceId());
        // the restart runs what did not complete: the failed partition (its firms not yet written), then the last step
        NightlySteps restartedSteps = NightlySteps.of(restarted);
        assertThat(restartedSteps.byName()).doesNotContainKey(NightlySteps.DISCOVER);
        assertThat(restartedSteps.workers()).singleElement()
                .satisfies(w -> assertThat(w.getStatus()).isEqualTo(BatchStatus.COMPLETED))
                .satisfies(w -> assertThat(w.getSkipCount() + w.getRollbackCount()).isZero());
        restartedSteps.counts(NightlySteps.COMPUTE, FIRMS - writtenBeforeCrash, FIRMS - writtenBeforeCrash, 0)
                .counts(NightlySteps.TRANSITIONS, 0, 0, 0);

        // 2 instalments per firm of 10,000.00 interest at 3.45 % (below the 1.4 × LPR cap), not a first loan: 5,000.00 each
        List<Map<String, Object>> claims = jdbc.queryForList("SELECT claim_id, status, amount FROM claim WHERE bank_code = ?", BANK);
        assertThat(claims).hasSize(FIRMS * 2);
        assertThat(claims).allSatisfy(c -> {
            assertThat(c.get("status")).isEqualTo("COMPUTED");
            assertThat((BigDecimal) c.get("amount")).isEqualByComparingTo("5000.00");
        });
        assertThat(count("SELECT COUNT(*) FROM claim_unit WHERE bank_code = ? AND state = 'CLAIMED'", BANK)).isEqualTo(FIRMS * 2);
        // once the outbox is relayed: one event per claim, none for the chunk the crash rolled back
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM outbox_batch") == 0);
        Map<String, Long> eventsPerClaim = publishedClaimEvents().stream().filter(e -> BANK.equals(e.bankCode()))
                .collect(Collectors.groupingBy(ClaimEvent::claimId, Collectors.counting()));
        assertThat(eventsPerClaim).hasSize(FIRMS * 2).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        // and each firm's cap took exactly its claims
        assertThat(jdbc.queryForList("SELECT allocated FROM cap_usage WHERE bucket_kind = 'HKZD_LIFETIME' AND uscc IN"
                + " (SELECT uscc FROM claim WHERE bank_code = ?)", BigDecimal.class, BANK))
                .hasSize(FIRMS).allSatisfy(total -> assertThat(total).isEqualByComparingTo("10000.00"));
    }

    @Test
    void aNightFailedBecauseTheDatabaseWasAwayRestartsByItself() {
        String bank = "OUTAGE-SH";
        sendAndAwaitAccepted(LoanStoriesAccess.hkzdFirms(bank, FIRMS, 600));
        // a business date no other test runs a night of (the job repository is shared: a night already COMPLETED
        // would not run again, and this test's units would be left due for the other tests' nights)
        LocalDate night = LocalDate.of(2026, 4, 29);

        CrashOnce.failure = () -> new CannotGetJdbcConnectionException("simulated: the database is away");
        CrashOnce.writesUntilCrash.set(1);
        try {
            assertThat(runs.last(night)).as("no night of " + night + " before this test's").isEmpty();
            JobExecution failed = runs.runToEnd(night);
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            // no one launches it again: NightRecovery restarts it after its first pause (1 s in the tests)
            JobExecution restarted = await().atMost(Duration.ofSeconds(60))
                    .until(() -> runs.last(night).orElseThrow(), last -> last.getId() != failed.getId() && !last.isRunning());
            assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        } finally {
            CrashOnce.failure = () -> new IllegalStateException("simulated crash in the middle of the night");
        }
        List<Map<String, Object>> claims = jdbc.queryForList("SELECT claim_id, status, amount FROM claim WHERE bank_code = ?", bank);
        assertThat(claims).hasSize(FIRMS * 2).allSatisfy(c -> assertThat((BigDecimal) c.get("amount")).isEqualByComparingTo("5000.00"));
        assertThat(claims.stream().map(c -> c.get("claim_id")).distinct()).hasSize(FIRMS * 2);
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }
}
