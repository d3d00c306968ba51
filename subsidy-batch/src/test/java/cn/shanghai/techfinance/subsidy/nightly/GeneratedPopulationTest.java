package cn.shanghai.techfinance.subsidy.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.EndToEndTest;
import cn.shanghai.techfinance.subsidy.nightly.IndependentClaimOracle.Expected;
import cn.shanghai.techfinance.subsidy.nightly.PopulationGenerator.Scenario;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A generated population — three banks and two insurers, a few hundred firms, the three programmes —
 * exercising the caps, the subsidy-year window, the rate cap, renewals, tranches, defaults, policies
 * paid in instalments or never in full, cancellations and every reason code, checked
 * claim by claim against {@link IndependentClaimOracle}, which computes the expected claims from the
 * scenario's parameters with subsidy-rules.md's formulas, never with the code under test.
 */
class GeneratedPopulationTest extends EndToEndTest {

    private static final long SEED = 20250522L;
    private static final List<String> BANKS = List.of("POP-A", "POP-B", "POP-C");
    private static final List<String> INSURERS = List.of("POPINS-A", "POPINS-B");
    /** The banks' and insurers' codes, one namespace: the claims of the population. */
    private static final Object[] SENDERS = Stream.concat(BANKS.stream(), INSURERS.stream()).toArray();

    @Autowired
    NightlyRuns runs;

    @Test
    void generatedPopulationMatchesTheIndependentOracle() {
        long start = System.nanoTime();
        Scenario scenario = PopulationGenerator.generate(SEED, BANKS, INSURERS, 260, 7_000);
        Map<String, Expected> expected = IndependentClaimOracle.expectedClaims(scenario);

        // every reason code of the document occurs in the population
        Map<String, Long> reasonCounts = new TreeMap<>();
        expected.values().forEach(e -> Arrays.stream(e.reasons().split(";")).filter(r -> !r.isEmpty())
                .forEach(r -> reasonCounts.merge(r, 1L, Long::sum)));
        assertThat(reasonCounts.keySet()).as("reason coverage").containsAll(IndependentClaimOracle.ALL_REASONS);
        Map<String, Long> statusCounts = expected.values().stream()
                .collect(Collectors.groupingBy(Expected::status, TreeMap::new, Collectors.counting()));
        assertThat(statusCounts.keySet()).contains("COMPUTED", "INELIGIBLE", "CANCELLED");
        assertThat(expected.values()).as("科技保险 claims meeting a policy's or a year's cap")
                .anyMatch(e -> e.label().startsWith("TECH ") && e.reasons().contains("CAP_"));

        sendAndAwaitAccepted(scenario.events());
        long sent = System.nanoTime();

        // one night per trigger date, in order: each night computes exactly the claims of its date
        TreeSet<LocalDate> nights = expected.values().stream().map(Expected::trigger).collect(Collectors.toCollection(TreeSet::new));
        scenario.hkzd().stream().map(PopulationGenerator.HkzdLoan::defaultedOn).filter(Objects::nonNull)
                .forEach(d -> assertThat(d).isBeforeOrEqualTo(nights.last()));
        scenario.techPolicies().stream().map(PopulationGenerator.TechPolicySpec::cancelledOn).filter(Objects::nonNull)
                .forEach(d -> assertThat(d).isBeforeOrEqualTo(nights.last()));
        assertThat(nights).hasSizeLessThanOrEqualTo(PopulationGenerator.NIGHTS.size());
        long firmsWritten = 0;
        for (LocalDate night : nights) {
            JobExecution execution = runs.runToEnd(night);
            assertThat(execution.getStatus()).as("night " + night).isEqualTo(BatchStatus.COMPLETED);
            firmsWritten += NightlySteps.of(execution).completedCleanly(2).step(NightlySteps.COMPUTE).getWriteCount();
        }
        long firmsWithClaims = jdbc.queryForObject("SELECT COUNT(DISTINCT uscc) FROM claim WHERE bank_code IN (?, ?, ?, ?, ?)",
                Long.class, SENDERS);
        assertThat(firmsWritten).as("every firm with a claim was written on some night").isGreaterThanOrEqualTo(firmsWithClaims);
        long ran = System.nanoTime();

        Map<String, Map<String, Object>> actual = jdbc.queryForList(
                "SELECT claim_id, program, bank_code, approval_no, contract_no, installment_no, status, amount, reasons, base_amount,"
                        + " ratio FROM claim WHERE bank_code IN (?, ?, ?, ?, ?)",
                SENDERS).stream().collect(Collectors.toMap(r -> (String) r.get("claim_id"), r -> r));

        List<String> mismatches = new ArrayList<>();
        for (Expected e : expected.values()) {
            Map<String, Object> row = actual.get(e.claimId());
            if (row == null) {
                mismatches.add(e.label() + ": missing, expected " + e);
                continue;
            }
            String got = row.get("status") + " " + row.get("amount") + " [" + row.get("reasons") + "] base " + row.get("base_amount")
                    + " ratio " + row.get("ratio");
            boolean same = e.status().equals(row.get("status"))
                    && e.amount().compareTo((BigDecimal) row.get("amount")) == 0
                    && e.reasons().equals(row.get("reasons"))
                    && e.base().compareTo((BigDecimal) row.get("base_amount")) == 0
                    && e.ratio().compareTo((BigDecimal) row.get("ratio")) == 0;
            if (!same) {
                mismatches.add(e.label() + " (trigger " + e.trigger() + "): expected " + e.status() + " " + e.amount() + " ["
                        + e.reasons() + "] base " + e.base() + " ratio " + e.ratio() + "; job " + got);
            }
        }
        actual.keySet().stream().filter(id -> !expected.containsKey(id)).forEach(id -> mismatches.add(id + ": unexpected " + actual.get(id)));

        System.out.printf("POPULATION SUMMARY: %d events, %d firms, %d LYD approvals, %d HKZD loans, %d tech policies, %d claims %s,"
                        + " reasons %s, nights %d; send %.1fs, nights %.1fs; mismatches %d%n",
                scenario.events().size(), scenario.firms().size(), scenario.lyd().size(), scenario.hkzd().size(),
                scenario.techPolicies().size(), expected.size(),
                statusCounts, reasonCounts, nights.size(), (sent - start) / 1e9, (ran - sent) / 1e9, mismatches.size());
        mismatches.stream().limit(60).forEach(m -> System.out.println("POPULATION MISMATCH " + m));
        assertThat(mismatches).as("claims differing from subsidy-rules.md (oracle)").isEmpty();
    }
}
