package cn.shanghai.techfinance.subsidy;

import static cn.shanghai.techfinance.subsidy.LifecycleFixture.hkzdClaimId;
import static cn.shanghai.techfinance.subsidy.LifecycleFixture.lydClaimId;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.AuditTrail;
import cn.shanghai.techfinance.subsidy.claims.AuditTrail.ClaimTransition;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * subsidy-rules.md §5: running only some nights gives what one night per date gives. One story of
 * loans, people's actions and automatic transitions (forfeiture, default, policy cancellations before
 * and after settlement and after payment, an instalment recorded after its loan's default) is played
 * twice, by two banks: once with a night every day, once — five weeks later, so that no night is
 * shared — with only the night of the settlement and one night two weeks after. The claims end the
 * same and went through the same transitions; only the business date of the nightly transitions in
 * the trail differs, as it is the date of the night that applied them.
 */
class SparseNightsTest extends EndToEndTest {

    private static final String DAILY = "SPARSE-D";
    private static final String SPARSE = "SPARSE-S";
    /** The daily run's settlement date; the sparse run's is five weeks later. */
    private static final LocalDate S = LocalDate.of(2026, 7, 6);
    private static final int SHIFT = 35;
    private static final int LAST = 15;

    @Autowired
    NightlyRuns runs;

    @Autowired
    ClaimStore claimStore;

    @Autowired
    AuditTrail trail;

    @Autowired
    PlatformTransactionManager transactionManager;

    /** The claims of the story, by their name in it. */
    private static Map<String, String> claimIds(String bank) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String key : List.of("L1", "L2", "L3", "L4", "L5", "L6")) {
            ids.put(key, lydClaimId(bank, key));
        }
        for (int n = 1; n <= 3; n++) {
            ids.put("H1#" + n, hkzdClaimId(bank, "H1", n));
        }
        return ids;
    }

    /** The banks' facts, all sent at once but for the instalment H1#3, recorded after the default. */
    private static LoanStories story(String bank, LocalDate s, int firms) {
        LoanStories story = new LoanStories(bank);
        BiFunction<String, Integer, LoanStories> lyd = (key, settledAfter) -> story.lyd(key,
                LoanStories.firm(LoanStories.uscc(firms + Character.getNumericValue(key.charAt(1))), "3911", true), s.minusDays(180), "45000.00",
                s.minusDays(170), s.plusDays(settledAfter));
        lyd.apply("L1", 0);
        lyd.apply("L2", 0).policyCancelled("L2", s.plusDays(10));
        lyd.apply("L3", 0).policyCancelled("L3", s.plusDays(12));
        lyd.apply("L4", 3).policyCancelled("L4", s.plusDays(8));
        lyd.apply("L5", 0).policyCancelled("L5", s.minusDays(5));
        lyd.apply("L6", 0).policyCancelled("L6", s.plusDays(10));
        story.hkzd("H1", LoanStories.firm(LoanStories.uscc(firms + 9), "3911", true), false, "0.0345", "0.0310", s.minusDays(100),
                List.of(new String[] {"10000.00", s.minusDays(9).toString(), s.minusDays(10).toString()},
                        new String[] {"10000.00", s.plusDays(1).toString(), s.toString()}));
        story.defaulted("H1", s.plusDays(7));
        return story;
    }

    private static void lateInstalment(LoanStories story, LocalDate s) {
        story.interestPaid("H1", 3, "10000.00", s.plusDays(6), s.plusDays(5));
    }

    /** People's actions of the story on business date {@code s + day}. */
    private void actions(String bank, LocalDate s, int day) {
        LifecycleFixture people = new LifecycleFixture(claimStore, transactionManager);
        Map<String, String> ids = claimIds(bank);
        LocalDate on = s.plusDays(day);
        switch (day) {
            case 1 -> {
                for (String key : List.of("L1", "L2", "L3", "H1#1")) {
                    people.publish(ids.get(key), on, s.plusDays(4));
                }
                // confirmBy S+9: forfeited as of S+10, the day its policy is cancelled too
                people.publish(ids.get("L6"), on, s.plusDays(9));
            }
            case 2 -> {
                for (String key : List.of("L2", "L3", "H1#1")) {
                    people.confirm(ids.get(key), on);
                }
            }
            case 6 -> people.pay(ids.get("L3"), on);
            default -> {
            }
        }
    }

    @Test
    void onlySomeNightsEndAsOneNightPerDate() {
        LoanStories daily = story(DAILY, S, 7_200_000);
        sendAndAwaitAccepted(daily.events());
        for (int day = 0; day <= LAST; day++) {
            actions(DAILY, S, day);
            if (day == 9) {
                int sent = daily.events().size();
                lateInstalment(daily, S);
                sendAndAwaitAccepted(daily.events().subList(sent, daily.events().size()));
            }
            night(S.plusDays(day));
        }

        LocalDate s = S.plusDays(SHIFT);
        LoanStories sparse = story(SPARSE, s, 7_200_100);
        sendAndAwaitAccepted(sparse.events());
        night(s);
        for (int day = 1; day <= LAST; day++) {
            actions(SPARSE, s, day);
        }
        int sent = sparse.events().size();
        lateInstalment(sparse, s);
        sendAndAwaitAccepted(sparse.events().subList(sent, sparse.events().size()));
        JobExecution last = night(s.plusDays(LAST));
        StepExecution transitions = last.getStepExecutions().stream().filter(st -> st.getStepName().equals("applyTransitions"))
                .findFirst().orElseThrow();
        // forfeitures L1, L6; the default; cancellations L2, L3, L4, L6 (nothing: forfeited first) — L5's, before its
        // settlement, was judged (nothing to do) the night its claim was computed
        assertThat(transitions.getReadCount()).isGreaterThanOrEqualTo(7);
        // L1, L2, L3, L4, L6 and the three instalments
        assertThat(transitions.getWriteCount()).isGreaterThanOrEqualTo(8);

        Map<String, Outcome> dailyEnd = outcomes(DAILY);
        assertThat(outcomes(SPARSE)).isEqualTo(dailyEnd);
        assertThat(dailyEnd).containsOnlyKeys(claimIds(DAILY).keySet());
        expect(dailyEnd, "L1", ClaimStatus.FORFEITED, "22500.00");
        expect(dailyEnd, "L2", ClaimStatus.CANCELLED, "22500.00", ReasonCode.POLICY_CANCELLED);
        expect(dailyEnd, "L3", ClaimStatus.CLAWBACK_DUE, "22500.00");
        expect(dailyEnd, "L4", ClaimStatus.CANCELLED, "22500.00", ReasonCode.POLICY_CANCELLED);
        expect(dailyEnd, "L5", ClaimStatus.COMPUTED, "0.00");
        expect(dailyEnd, "L6", ClaimStatus.FORFEITED, "22500.00");
        for (int n = 1; n <= 3; n++) {
            expect(dailyEnd, "H1#" + n, ClaimStatus.CANCELLED, "5000.00", ReasonCode.LOAN_DEFAULTED);
        }
        assertThat(dailyEnd.get("H1#1").trail()).extracting(Step::to).containsExactly(ClaimStatus.COMPUTED, ClaimStatus.PUBLISHED,
                ClaimStatus.CONFIRMED, ClaimStatus.CANCELLED);

        // the trail's business date of a nightly transition is its night's: each date in the daily run, the last night's in the sparse
        assertThat(nightlyDates(lydClaimId(DAILY, "L1"))).containsExactly(S, S.plusDays(5));
        assertThat(nightlyDates(lydClaimId(SPARSE, "L1"))).containsExactly(s, s.plusDays(LAST));
        assertThat(nightlyDates(lydClaimId(DAILY, "L4"))).containsExactly(S.plusDays(3), S.plusDays(8));
        assertThat(nightlyDates(lydClaimId(SPARSE, "L4"))).containsExactly(s.plusDays(LAST), s.plusDays(LAST));
        for (String bank : List.of(DAILY, SPARSE)) {
            assertThat(jdbc.queryForList("SELECT processed FROM cancelled_policy WHERE bank_code = ?", Boolean.class, bank))
                    .hasSize(5).allMatch(Boolean.TRUE::equals);
            assertThat(jdbc.queryForList("SELECT processed FROM defaulted_contract WHERE bank_code = ?", Boolean.class, bank))
                    .containsExactly(true);
        }
    }

    /** One transition as both runs must have made it: everything but its dates. */
    record Step(long version, ClaimStatus from, ClaimStatus to, String actor, String reference) {
    }

    record Outcome(ClaimStatus status, List<ReasonCode> reasons, BigDecimal amount, long version, List<Step> trail) {
    }

    private Map<String, Outcome> outcomes(String bank) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        claimIds(bank).forEach((key, id) -> claimStore.find(id).ifPresent(c -> outcomes.put(key, outcome(c))));
        return outcomes;
    }

    private Outcome outcome(ClaimRecord c) {
        return new Outcome(c.status(), c.reasons(), c.amount(), c.version(), trail.ofClaim(c.claimId()).stream()
                .map(t -> new Step(t.version(), t.from(), t.to(), t.actor(), t.reference())).toList());
    }

    private List<LocalDate> nightlyDates(String claimId) {
        return trail.ofClaim(claimId).stream().filter(t -> t.actor().equals(Actor.NIGHTLY)).map(ClaimTransition::businessDate).toList();
    }

    private static void expect(Map<String, Outcome> outcomes, String key, ClaimStatus status, String amount, ReasonCode... reasons) {
        Outcome outcome = outcomes.get(key);
        assertThat(outcome.status()).as(key).isEqualTo(status);
        assertThat(outcome.reasons()).as(key).containsExactly(reasons);
        assertThat(outcome.amount()).as(key).isEqualByComparingTo(amount);
        assertThat(outcome.version()).as(key).isEqualTo(outcome.trail().size());
    }

    private JobExecution night(LocalDate date) {
        JobExecution execution = runs.runToEnd(date);
        assertThat(execution.getStatus()).as("night " + date).isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }
}
