package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.LoanSettled;
import cn.shanghai.techfinance.contracts.bank.PremiumPaid;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.TechPremiumPaid;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.intake.consume.OrphanSweeper;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An event whose parent never arrives waits 7 days and is then rejected as {@code ORPHAN}, pointing
 * at the field that names the missing document; a younger one keeps waiting; a parent that arrives
 * late, but before the sweep, still un-parks its child.
 *
 * <p>The clock and the ledger are shared with the other test classes: this class only moves the
 * clock forward (which events already decided do not care about), scopes its assertions to its own
 * bank, and leaves nothing of its own parked.
 */
class OrphanTest extends IntakeIntegrationTest {

    private static final String BANK = "ORPHAN-SH";
    private static final String SOURCE = EventSource.bank(BANK);
    private static final String INSURER = "ORPHAN-INS";
    private static final String INSURER_SOURCE = EventSource.insurer(INSURER);

    @Autowired
    private MutableClock clock;

    @Autowired
    private OrphanSweeper sweeper;

    @Autowired
    private MeterRegistry meters;

    @Test
    void parkedSevenDaysIsRejectedAsOrphanYoungerWaitsLateParentStillCounts() {
        List<BankEvent> loan = TestEvents.exampleLoan(BANK, "o-", 31);
        BankEvent application = loan.get(0);
        BankEvent approval = loan.get(1);
        BankEvent contract = loan.get(2);
        BankEvent policy = loan.get(3);
        BankEvent settlementOfNothing = TestEvents.event(BANK, "o-settled-never-disbursed", LocalDate.of(2026, 3, 15),
                new LoanSettled("o-C-404", LocalDate.of(2026, 3, 15)));
        BankEvent premiumOfLatePolicy = TestEvents.event(BANK, "o-premium-young", LocalDate.of(2025, 10, 10),
                new PremiumPaid("o-Y-404", new BigDecimal("45000.00"), LocalDate.of(2025, 10, 10)));
        // an insurer's payment on a policy it never sends (科技保险): swept as a bank's is
        BankEvent techPremiumOfNothing = TestEvents.insurerEvent(INSURER, "o-tech-premium", LocalDate.of(2026, 1, 10),
                new TechPremiumPaid("o-TP-404", new BigDecimal("30000.00"), LocalDate.of(2026, 1, 10)));
        double orphansBefore = meters.get("intake.rejections").tag("code", RejectionCode.ORPHAN.name()).counter().count();

        // day 0: the application and approval arrive, the contract does not; the policy on that
        // contract and a settlement of a contract the bank never sends wait for them
        send(List.of(application, approval, policy, settlementOfNothing, techPremiumOfNothing));
        assertThat(awaitStatus(SOURCE, approval.id())).isEqualTo("ACCEPTED");
        awaitParked(policy, settlementOfNothing);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> "PARKED".equals(status(INSURER_SOURCE, techPremiumOfNothing.id())));
        JsonNode parked = getJson("/api/v1/events/bank/" + BANK + "/" + settlementOfNothing.id());
        assertThat(parked.get("status").asString()).isEqualTo("PARKED");
        assertThat(parked.get("awaiting").asString()).isEqualTo("CONTRACT:o-C-404");
        assertThat(parked.get("type").asString()).isEqualTo("loan.settled.v1");
        assertThat(parked.get("violations")).isEmpty();
        assertThat(parked.get("decidedAt").isNull()).isTrue();
        assertThat(getJson("/api/v1/events/bank/" + BANK + "/" + policy.id()).get("awaiting").asString())
                .isEqualTo("CONTRACT:o-C-001");

        // day 4: a premium on a policy not issued yet
        clock.advance(Duration.ofDays(4));
        send(List.of(premiumOfLatePolicy));
        awaitParked(premiumOfLatePolicy);

        // day 7 + 1 h: a sweep now would take the settlement and the policy; the contract comes
        // first, so the policy is applied after all
        clock.advance(Duration.ofDays(3).plusHours(1));
        send(List.of(contract));
        assertThat(awaitStatus(SOURCE, policy.id())).isEqualTo("ACCEPTED");
        assertThat(status(SOURCE, contract.id())).isEqualTo("ACCEPTED");

        sweeper.sweep();

        assertThat(status(SOURCE, settlementOfNothing.id())).isEqualTo("REJECTED");
        assertThat(status(SOURCE, premiumOfLatePolicy.id())).as("parked 3 days ago").isEqualTo("PARKED");
        assertThat(status(SOURCE, policy.id())).isEqualTo("ACCEPTED");
        JsonNode orphan = getJson("/api/v1/events/bank/" + BANK + "/" + settlementOfNothing.id());
        assertThat(orphan.get("status").asString()).isEqualTo("REJECTED");
        assertThat(orphan.get("awaiting").isNull()).isTrue();
        assertThat(orphan.get("violations")).hasSize(1);
        assertThat(orphan.get("violations").get(0).get("field").asString()).isEqualTo("data.contractNo");
        assertThat(orphan.get("violations").get(0).get("code").asString()).isEqualTo("ORPHAN");
        assertThat(count("SELECT COUNT(*) FROM loan_settlement WHERE bank_code = ?", BANK)).isZero();
        assertThat(status(INSURER_SOURCE, techPremiumOfNothing.id())).isEqualTo("REJECTED");
        assertThat(awaitPublished(INSURER_SOURCE, List.of(techPremiumOfNothing.id())).get(techPremiumOfNothing.id()))
                .singleElement().satisfies(o -> {
                    assertThat(o.bankCode()).isEqualTo(INSURER);
                    assertThat(o.violations()).extracting(Violation::field, Violation::code)
                            .containsExactly(tuple("data.policyNo", RejectionCode.ORPHAN));
                });
        assertThat(count("SELECT COUNT(*) FROM tech_premium_payment WHERE insurer_code = ?", INSURER)).isZero();

        IntakeOutcome outcome = awaitPublished(SOURCE, List.of(settlementOfNothing.id())).get(settlementOfNothing.id()).get(0);
        assertThat(outcome.status()).isEqualTo(IntakeOutcome.Status.REJECTED);
        assertThat(outcome.bankCode()).isEqualTo(BANK);
        assertThat(outcome.type()).isEqualTo("loan.settled.v1");
        assertThat(outcome.violations()).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("data.contractNo", RejectionCode.ORPHAN));
        assertThat(outcome.violations().get(0).message()).contains("o-C-404").contains("7 days");

        // day 11 + 1 h: the premium's policy never came either
        clock.advance(Duration.ofDays(4));
        sweeper.sweep();
        assertThat(status(SOURCE, premiumOfLatePolicy.id())).isEqualTo("REJECTED");
        IntakeOutcome second = awaitPublished(SOURCE, List.of(premiumOfLatePolicy.id())).get(premiumOfLatePolicy.id()).get(0);
        assertThat(second.violations()).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("data.policyNo", RejectionCode.ORPHAN));

        assertThat(count("SELECT COUNT(*) FROM parked_event WHERE source = ?", SOURCE)).isZero();
        assertThat(meters.get("intake.rejections").tag("code", RejectionCode.ORPHAN.name()).counter().count() - orphansBefore)
                .isGreaterThanOrEqualTo(2);
        // every event of this bank answered exactly once: accepted, or rejected as an orphan
        awaitOutboxRelayed();
        awaitPublished(SOURCE, List.of(application.id(), approval.id(), contract.id(), policy.id()))
                .forEach((id, outcomes) -> assertThat(outcomes).as(id).singleElement()
                        .extracting(IntakeOutcome::status).isEqualTo(IntakeOutcome.Status.ACCEPTED));
        assertThat(publishedOutcomes()).filteredOn(o -> SOURCE.equals(o.source())).hasSize(6);
    }

    private void awaitParked(BankEvent... events) {
        for (BankEvent e : events) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "PARKED".equals(status(SOURCE, e.id())));
        }
    }
}
