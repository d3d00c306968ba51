package cn.shanghai.techfinance.subsidy.rules.hkzd;

import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.DISHONESTY_LISTED;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.LOAN_DEFAULTED;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.NOT_SHANGHAI;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.NOT_TECH_FIRM;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.OVERDUE;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.RATE_CAPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.CapLimit;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.FirmFixture;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.RuleParametersFixture;
import cn.shanghai.techfinance.subsidy.rules.loan.InterestInstalment;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanApplication;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HkzdInterestProgramTest {

    private static final LocalDate DUE = LocalDate.of(2026, 3, 20);

    private final RuleParameters parameters = RuleParametersFixture.documentDefaults();
    private final HkzdInterestProgram program = new HkzdInterestProgram();

    private ClaimAssessment assess(HkzdClaimFacts facts) {
        return program.assess(facts, parameters);
    }

    @Test
    void anInstalmentPaidOnTimeGetsHalfItsInterest() {
        ClaimAssessment claim = assess(HkzdScenario.loan().paid(3, "10000.00", DUE, DUE.minusDays(2)));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
        assertThat(claim.key()).isEqualTo(new ClaimKey.Hkzd("ICBC-SH", "C-101", 3));
        assertThat(claim.uscc()).isEqualTo(FirmFixture.USCC);
        assertThat(claim.triggerDate()).isEqualTo(DUE.minusDays(2));
        assertThat(claim.base()).isEqualByComparingTo("10000.00");
        assertThat(claim.ratio()).isEqualByComparingTo("0.50");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("5000.00"));
        assertThat(claim.reasons()).isEmpty();
    }

    @Test
    void theClaimDrawsOnTheCalendarYearOfPaidOnAndTheLifetimeCap() {
        ClaimAssessment claim = assess(HkzdScenario.loan().paidOnTime(1, "10000.00", LocalDate.of(2026, 12, 31)));

        assertThat(claim.caps()).containsExactly(
                new CapLimit(CapBucket.hkzdCalendarYear(FirmFixture.USCC, 2026), new BigDecimal("1000000.00")),
                new CapLimit(CapBucket.hkzdLifetime(FirmFixture.USCC), new BigDecimal("3000000.00")));
    }

    @Test
    void paidOnTheDueDateIsOnTime() {
        assertThat(assess(HkzdScenario.loan().paid(1, "10000.00", DUE, DUE)).status()).isEqualTo(ClaimStatus.COMPUTED);
    }

    @Test
    void paidTheDayAfterTheDueDateIsOverdue() {
        ClaimAssessment claim = assess(HkzdScenario.loan().paid(1, "10000.00", DUE, DUE.plusDays(1)));

        assertThat(claim.reasons()).containsExactly(OVERDUE);
        assertThat(claim.amount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(claim.caps()).isEmpty();
    }

    @Test
    void paidTheDayBeforeTheDefaultDateIsEligible() {
        ClaimAssessment claim = assess(HkzdScenario.loan().defaultedOn(DUE).paidOnTime(1, "10000.00", DUE.minusDays(1)));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
    }

    @Test
    void paidOnTheDefaultDateIsDefaulted() {
        ClaimAssessment claim = assess(HkzdScenario.loan().defaultedOn(DUE).paidOnTime(1, "10000.00", DUE));

        assertThat(claim.reasons()).containsExactly(LOAN_DEFAULTED);
    }

    @Test
    void paidAfterTheDefaultDateIsDefaulted() {
        ClaimAssessment claim = assess(HkzdScenario.loan().defaultedOn(DUE).paidOnTime(1, "10000.00", DUE.plusDays(9)));

        assertThat(claim.reasons()).containsExactly(LOAN_DEFAULTED);
    }

    @Test
    void aRateEqualToTheCapIsNotCapped() {
        ClaimAssessment claim = assess(HkzdScenario.loan().rates("0.0434", "0.0310").paidOnTime(1, "10000.00", DUE));

        assertThat(claim.reasons()).isEmpty();
        assertThat(claim.amount()).isEqualTo(new BigDecimal("5000.00"));
    }

    @Test
    void aRateJustAboveTheCapIsCapped() {
        ClaimAssessment claim = assess(HkzdScenario.loan().rates("0.043401", "0.0310").paidOnTime(1, "10000.00", DUE));

        // 10000 × 0.0434 × 0.5 / 0.043401 = 4999.8848…
        assertThat(claim.reasons()).containsExactly(RATE_CAPPED);
        assertThat(claim.amount()).isEqualTo(new BigDecimal("4999.88"));
    }

    @Test
    void aCappedAmountIsTheExactQuotientRoundedHalfUpOnce() {
        // 22.72 × 0.0434 × 0.50 / 0.0448 = 22.72 × 31/64 = 11.005 exactly → 11.01
        ClaimAssessment claim = assess(HkzdScenario.loan().rates("0.0448", "0.0310").paidOnTime(1, "22.72", DUE));

        assertThat(claim.amount()).isEqualTo(new BigDecimal("11.01"));
    }

    @Test
    void aCappedAmountWithANonTerminatingQuotientIsRoundedToFen() {
        // 10000 × 0.0434 × 0.50 / 0.0456 = 4758.7719…
        ClaimAssessment claim = assess(HkzdScenario.loan().rates("0.0456", "0.0310").paidOnTime(1, "10000.00", DUE));

        assertThat(claim.amount()).isEqualTo(new BigDecimal("4758.77"));
    }

    @Test
    void aFirstLoanGetsTheFirstLoanRatioAlsoWhenCapped() {
        // 12500 × 0.0434 × 0.70 / 0.0500 = 7595.00
        ClaimAssessment claim = assess(HkzdScenario.loan().firstLoan().rates("0.0500", "0.0310").paidOnTime(1, "12500.00", DUE));

        assertThat(claim.amount()).isEqualTo(new BigDecimal("7595.00"));
        assertThat(claim.reasons()).containsExactly(RATE_CAPPED);
    }

    @Test
    void aFirmRegisteredOutsideShanghaiIsRejected() {
        ClaimAssessment claim = assess(HkzdScenario.loan()
                .firm(FirmFixture.highTechFirm().district("440305"))
                .paidOnTime(1, "10000.00", DUE));

        assertThat(claim.reasons()).containsExactly(NOT_SHANGHAI);
    }

    @Test
    void hkzdHasNoSizeTest() {
        ClaimAssessment claim = assess(HkzdScenario.loan()
                .firm(FirmFixture.highTechFirm().employees(5000).annualRevenue("900000000.00"))
                .paidOnTime(1, "10000.00", DUE));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
    }

    @Test
    void theTechFirmTestUsesTheDisbursementDateNotPaidOn() {
        FirmFixture qualifiedUntilJune = FirmFixture.highTechFirm().withoutQualifications()
                .qualification("SRDI", LocalDate.of(2024, 1, 1), LocalDate.of(2025, 6, 30));

        ClaimAssessment claim = assess(HkzdScenario.loan()
                .firm(qualifiedUntilJune)
                .disbursedOn(LocalDate.of(2025, 6, 30))
                .paidOnTime(1, "10000.00", DUE));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
        assertThat(assess(HkzdScenario.loan()
                        .firm(qualifiedUntilJune)
                        .disbursedOn(LocalDate.of(2025, 7, 1))
                        .paidOnTime(1, "10000.00", DUE))
                .reasons())
                .containsExactly(NOT_TECH_FIRM);
    }

    @Test
    void aTechServiceFirmIsATechFirmForLoansDisbursedFromTechServiceFrom() {
        HkzdScenario techService = HkzdScenario.loan().firm(FirmFixture.techServiceFirm());

        assertThat(assess(techService.disbursedOn(LocalDate.of(2025, 5, 21)).paidOnTime(1, "10000.00", DUE)).reasons())
                .containsExactly(NOT_TECH_FIRM);
        assertThat(assess(techService.disbursedOn(LocalDate.of(2025, 5, 22)).paidOnTime(1, "10000.00", DUE)).status())
                .isEqualTo(ClaimStatus.COMPUTED);
    }

    @Test
    void theTechServiceRatioIsAnLydRuleOnly() {
        ClaimAssessment claim = assess(HkzdScenario.loan().firm(FirmFixture.techServiceFirm()).paidOnTime(1, "10000.00", DUE));

        assertThat(claim.ratio()).isEqualByComparingTo("0.50");
    }

    @Test
    void aFirmListedOnPaidOnIsRejectedAndOneClearedThatDayIsNot() {
        assertThat(assess(HkzdScenario.loan().dishonestyListed(DUE, null).paidOnTime(1, "10000.00", DUE)).reasons())
                .containsExactly(DISHONESTY_LISTED);
        assertThat(assess(HkzdScenario.loan()
                        .dishonestyListed(LocalDate.of(2025, 1, 1), DUE)
                        .paidOnTime(1, "10000.00", DUE))
                .status())
                .isEqualTo(ClaimStatus.COMPUTED);
    }

    @Test
    void anIneligibleClaimListsEveryReasonInOrderAndNoNote() {
        ClaimAssessment claim = assess(HkzdScenario.loan()
                .firm(FirmFixture.techServiceFirm().district("440305"))
                .disbursedOn(LocalDate.of(2025, 1, 1))
                .rates("0.0600", "0.0310")
                .defaultedOn(LocalDate.of(2026, 3, 1))
                .dishonestyListed(LocalDate.of(2026, 2, 1), null)
                .paid(1, "10000.00", DUE, DUE.plusDays(1)));

        assertThat(claim.status()).isEqualTo(ClaimStatus.INELIGIBLE);
        assertThat(claim.reasons()).containsExactly(NOT_SHANGHAI, NOT_TECH_FIRM, OVERDUE, LOAN_DEFAULTED, DISHONESTY_LISTED);
        assertThat(claim.amount()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void factsRefuseAnLydApplication() {
        HkzdClaimFacts facts = HkzdScenario.loan().paidOnTime(1, "10000.00", DUE);
        LoanApplication lydApplication = new LoanApplication("ICBC-SH", "A-1", Program.LYD, false, facts.application().firm());

        assertThatThrownBy(() -> new HkzdClaimFacts(lydApplication, facts.contract(), facts.instalment(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not HKZD");
    }

    @Test
    void factsRefuseAnInstalmentOfAnotherContract() {
        HkzdClaimFacts facts = HkzdScenario.loan().paidOnTime(1, "10000.00", DUE);
        InterestInstalment other = new InterestInstalment("C-999", 1, new BigDecimal("1.00"), DUE, DUE);

        assertThatThrownBy(() -> new HkzdClaimFacts(facts.application(), facts.contract(), other, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("C-999");
    }
}
