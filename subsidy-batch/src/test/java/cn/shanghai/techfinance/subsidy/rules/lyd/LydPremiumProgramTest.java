package cn.shanghai.techfinance.subsidy.rules.lyd;

import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.DISHONESTY_LISTED;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.LOAN_DEFAULTED;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.NOT_SHANGHAI;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.NOT_TECH_FIRM;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.OUT_OF_WINDOW;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.OVERDUE;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.SIZE_EXCEEDED;
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
import cn.shanghai.techfinance.subsidy.rules.loan.LoanApplication;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LydPremiumProgramTest {

    private static final LocalDate FAR_FUTURE = LocalDate.of(2030, 1, 1);

    private final RuleParameters parameters = RuleParametersFixture.documentDefaults();
    private final LydPremiumProgram program = new LydPremiumProgram();

    private ClaimAssessment assess(LydScenario scenario) {
        return program.assess(scenario.facts(), FAR_FUTURE, parameters);
    }

    /** A one-contract loan disbursed 2024-05-01, premium 45,000.00 paid 2024-05-10, settled on the given day. */
    private static LydScenario settledOn(LocalDate settledOn) {
        return new LydScenario()
                .contract("C-001", LocalDate.of(2024, 5, 1), settledOn.plusMonths(6))
                .premium("45000.00", LocalDate.of(2024, 5, 10))
                .settledOn(settledOn);
    }

    // Trigger

    @Test
    void anApprovalWithAnUnsettledContractIsNotTriggered() {
        LydClaimFacts facts = new LydScenario()
                .contract("C-001", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30))
                .facts();

        assertThat(program.settlementDate(facts, FAR_FUTURE)).isEmpty();
        assertThatThrownBy(() -> program.assess(facts, FAR_FUTURE, parameters))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("P-001");
    }

    @Test
    void anApprovalWithoutContractsIsNotTriggered() {
        assertThat(program.settlementDate(new LydScenario().facts(), FAR_FUTURE)).isEmpty();
    }

    @Test
    void aSettlementAfterTheBusinessDateIsNotSeenYet() {
        LydClaimFacts facts = LydScenario.settledLoan().facts();

        assertThat(program.settlementDate(facts, LocalDate.of(2026, 3, 14))).isEmpty();
        assertThat(program.settlementDate(facts, LocalDate.of(2026, 3, 15))).contains(LocalDate.of(2026, 3, 15));
    }

    @Test
    void multiTrancheApprovalTriggersWhenTheLastTrancheSettlesAndTakesItsDate() {
        LydScenario scenario = new LydScenario()
                .contract("C-001", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30))
                .premium("30000.00", LocalDate.of(2025, 10, 10))
                .settledOn(LocalDate.of(2026, 4, 20))
                .contract("C-002", LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30))
                .premium("15000.00", LocalDate.of(2025, 12, 5));

        assertThat(program.settlementDate(scenario.facts(), FAR_FUTURE)).isEmpty();

        ClaimAssessment claim = assess(scenario.settledOn(LocalDate.of(2026, 3, 15)));

        assertThat(claim.triggerDate()).isEqualTo(LocalDate.of(2026, 4, 20));
        assertThat(claim.base()).isEqualByComparingTo("45000.00");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("22500.00"));
        assertThat(claim.key()).isEqualTo(new ClaimKey.Lyd("ICBC-SH", "P-001"));
    }

    @Test
    void aContractRenewedUnderTheSameApprovalCountsAsSettledOnItsMaturity() {
        LydScenario scenario = new LydScenario()
                .contract("C-001", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 3, 31))
                .premium("20000.00", LocalDate.of(2025, 10, 10))
                .contract("C-002", LocalDate.of(2026, 3, 31), LocalDate.of(2027, 3, 30))
                .renewalOf("C-001")
                .premium("25000.00", LocalDate.of(2026, 4, 2));

        assertThat(program.settlementDate(scenario.facts(), FAR_FUTURE)).isEmpty();

        ClaimAssessment claim = assess(scenario.settledOn(LocalDate.of(2027, 3, 1)));

        assertThat(claim.triggerDate()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(claim.base()).isEqualByComparingTo("45000.00");
        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
    }

    @Test
    void aContractRenewedUnderAnotherApprovalCountsAsSettledOnItsMaturity() {
        LydClaimFacts facts = new LydScenario()
                .contract("C-001", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 3, 31))
                .premium("45000.00", LocalDate.of(2025, 10, 10))
                .renewedByOtherApproval("C-001")
                .facts();

        assertThat(program.settlementDate(facts, LocalDate.of(2026, 3, 30))).isEmpty();
        assertThat(program.settlementDate(facts, LocalDate.of(2026, 3, 31))).contains(LocalDate.of(2026, 3, 31));
        assertThat(program.assess(facts, LocalDate.of(2026, 3, 31), parameters).amount())
                .isEqualTo(new BigDecimal("22500.00"));
    }

    @Test
    void factsRefuseAnApplicationOfTheOtherProgramme() {
        LydClaimFacts facts = LydScenario.settledLoan().facts();
        LoanApplication hkzdApplication = new LoanApplication(
                "ICBC-SH", "A-9", Program.HKZD, false, facts.application().firm());

        assertThatThrownBy(() -> new LydClaimFacts(
                        hkzdApplication, "P-001", facts.contracts(), Set.of(), facts.policies(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not LYD");
    }

    @Test
    void factsRefuseAContractOfAnotherApproval() {
        LydClaimFacts facts = LydScenario.settledLoan().facts();

        assertThatThrownBy(() -> new LydClaimFacts(
                        facts.application(), "P-999", facts.contracts(), Set.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("C-001");
    }

    // Subsidy years

    @Test
    void settledOn2025_08_31IsInSY2025() {
        ClaimAssessment claim = assess(settledOn(LocalDate.of(2025, 8, 31)));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
        assertThat(claim.caps()).extracting(CapLimit::bucket)
                .containsExactly(CapBucket.lydSubsidyYear(FirmFixture.USCC, 2025));
    }

    @Test
    void settledOn2025_09_01IsInSY2026() {
        ClaimAssessment claim = assess(settledOn(LocalDate.of(2025, 9, 1)));

        assertThat(claim.caps()).extracting(CapLimit::bucket)
                .containsExactly(CapBucket.lydSubsidyYear(FirmFixture.USCC, 2026));
        assertThat(claim.caps()).extracting(CapLimit::limit).containsExactly(new BigDecimal("500000.00"));
    }

    @Test
    void settledOn2024_09_01OpensTheFirstSubsidyYear() {
        ClaimAssessment claim = assess(settledOn(LocalDate.of(2024, 9, 1)));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
        assertThat(claim.caps()).extracting(CapLimit::bucket)
                .containsExactly(CapBucket.lydSubsidyYear(FirmFixture.USCC, 2025));
    }

    @Test
    void settledOn2024_08_31IsOutOfWindow() {
        ClaimAssessment claim = assess(settledOn(LocalDate.of(2024, 8, 31)));

        assertThat(claim.status()).isEqualTo(ClaimStatus.INELIGIBLE);
        assertThat(claim.reasons()).containsExactly(OUT_OF_WINDOW);
        assertThat(claim.amount()).isEqualTo(new BigDecimal("0.00"));
    }

    // Ratio

    /** An HNTE firm in 7320: a tech firm whatever the date, a tech-service firm for the ratio. */
    private LydScenario techServiceFirmWithQualificationSettledOn(LocalDate settledOn) {
        return new LydScenario()
                .firm(FirmFixture.highTechFirm().industry("7320"))
                .contract("C-001", LocalDate.of(2025, 1, 10), LocalDate.of(2026, 1, 9))
                .premium("45000.00", LocalDate.of(2025, 1, 15))
                .settledOn(settledOn);
    }

    @Test
    void techServiceFirmSettledTheDayBeforeTechServiceFromGetsTheBaseRatio() {
        ClaimAssessment claim = assess(techServiceFirmWithQualificationSettledOn(LocalDate.of(2025, 5, 21)));

        assertThat(claim.ratio()).isEqualByComparingTo("0.50");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("22500.00"));
    }

    @Test
    void techServiceFirmSettledOnTechServiceFromGetsTheTechServiceRatio() {
        ClaimAssessment claim = assess(techServiceFirmWithQualificationSettledOn(LocalDate.of(2025, 5, 22)));

        assertThat(claim.ratio()).isEqualByComparingTo("0.70");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("31500.00"));
    }

    @Test
    void firmsInIndustries74And75AreTechServiceFirmsToo() {
        for (String industry : List.of("7410", "7520")) {
            ClaimAssessment claim = assess(LydScenario.settledLoan()
                    .firm(FirmFixture.techServiceFirm().industry(industry)));

            assertThat(claim.ratio()).as(industry).isEqualByComparingTo("0.70");
        }
    }

    @Test
    void theAmountIsRoundedHalfUpOnceOverTheWholeBase() {
        ClaimAssessment claim = assess(new LydScenario()
                .firm(FirmFixture.techServiceFirm())
                .contract("C-001", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30))
                .premium("0.05", LocalDate.of(2025, 10, 10))
                .premium("0.05", LocalDate.of(2025, 11, 10))
                .settledOn(LocalDate.of(2026, 3, 15)));

        // 0.10 × 0.70 = 0.07; rounding each payment (0.035 → 0.04, twice) would give 0.08.
        assertThat(claim.amount()).isEqualTo(new BigDecimal("0.07"));
    }

    // Premium base

    @Test
    void aPremiumPaidOnTheSettlementDateCounts() {
        ClaimAssessment claim = assess(LydScenario.settledLoan().premium("1000.00", LocalDate.of(2026, 3, 15)));

        assertThat(claim.base()).isEqualByComparingTo("46000.00");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("23000.00"));
    }

    @Test
    void aPremiumPaidAfterTheSettlementDateIsExcluded() {
        ClaimAssessment claim = assess(LydScenario.settledLoan().premium("1000.00", LocalDate.of(2026, 3, 16)));

        assertThat(claim.base()).isEqualByComparingTo("45000.00");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("22500.00"));
    }

    @Test
    void noPremiumPaidGivesAnEligibleClaimOfZero() {
        ClaimAssessment claim = assess(new LydScenario()
                .contract("C-001", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30))
                .settledOn(LocalDate.of(2026, 3, 15)));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
        assertThat(claim.amount()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void aPolicyCancelledOnOrBeforeTheSettlementDateCountsNothing() {
        ClaimAssessment claim = assess(LydScenario.settledLoan().policyCancelledOn(LocalDate.of(2026, 3, 15)));

        assertThat(claim.base()).isEqualByComparingTo("0.00");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void aPolicyCancelledAfterTheSettlementDateStillCounts() {
        ClaimAssessment claim = assess(LydScenario.settledLoan().policyCancelledOn(LocalDate.of(2026, 3, 16)));

        assertThat(claim.amount()).isEqualTo(new BigDecimal("22500.00"));
    }

    // Tech firm as of the first disbursement

    @Test
    void aQualificationValidAtTheFirstTrancheButExpiredAtTheSecondStillCounts() {
        ClaimAssessment claim = assess(new LydScenario()
                .firm(FirmFixture.highTechFirm().withoutQualifications()
                        .qualification("TSME", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 10, 31)))
                .contract("C-002", LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30))
                .settledOn(LocalDate.of(2026, 3, 15))
                .contract("C-001", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30))
                .premium("45000.00", LocalDate.of(2025, 10, 10))
                .settledOn(LocalDate.of(2026, 3, 15)));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
    }

    @Test
    void aTechServiceFirmWhoseFirstTrancheWasBeforeTechServiceFromIsNoTechFirm() {
        ClaimAssessment claim = assess(new LydScenario()
                .firm(FirmFixture.techServiceFirm())
                .contract("C-001", LocalDate.of(2025, 5, 21), LocalDate.of(2026, 5, 20))
                .settledOn(LocalDate.of(2026, 3, 15))
                .contract("C-002", LocalDate.of(2025, 6, 1), LocalDate.of(2026, 5, 31))
                .settledOn(LocalDate.of(2026, 3, 15)));

        assertThat(claim.reasons()).containsExactly(NOT_TECH_FIRM);
    }

    @Test
    void aTechServiceFirmFirstDisbursedOnTechServiceFromIsATechFirm() {
        ClaimAssessment claim = assess(new LydScenario()
                .firm(FirmFixture.techServiceFirm())
                .contract("C-001", LocalDate.of(2025, 5, 22), LocalDate.of(2026, 5, 21))
                .premium("45000.00", LocalDate.of(2025, 5, 30))
                .settledOn(LocalDate.of(2026, 3, 15)));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
        assertThat(claim.amount()).isEqualTo(new BigDecimal("31500.00"));
    }

    // Eligibility

    @Test
    void aFirmRegisteredOutsideShanghaiIsRejected() {
        ClaimAssessment claim = assess(LydScenario.settledLoan().firm(FirmFixture.highTechFirm().district("320505")));

        assertThat(claim.reasons()).containsExactly(NOT_SHANGHAI);
    }

    @Test
    void aFirmAtEverySmeLimitIsAnSme() {
        ClaimAssessment claim = assess(LydScenario.settledLoan().firm(FirmFixture.highTechFirm()
                .employees(500)
                .annualRevenue("200000000.00")
                .totalAssets("200000000.00")));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
    }

    @Test
    void aFirmOverAnySmeLimitExceedsTheSize() {
        List<FirmFixture> tooBig = List.of(
                FirmFixture.highTechFirm().employees(501),
                FirmFixture.highTechFirm().annualRevenue("200000000.01"),
                FirmFixture.highTechFirm().totalAssets("200000000.01"));
        for (FirmFixture firm : tooBig) {
            assertThat(assess(LydScenario.settledLoan().firm(firm)).reasons()).containsExactly(SIZE_EXCEEDED);
        }
    }

    @Test
    void aContractEverOverdueMakesTheClaimOverdue() {
        ClaimAssessment claim = assess(LydScenario.settledLoan().overdue());

        assertThat(claim.reasons()).containsExactly(OVERDUE);
    }

    @Test
    void aDefaultedContractMakesTheClaimDefaulted() {
        ClaimAssessment claim = assess(LydScenario.settledLoan().defaultedOn(LocalDate.of(2026, 1, 10)));

        assertThat(claim.reasons()).containsExactly(LOAN_DEFAULTED);
    }

    @Test
    void aFirmListedOnTheSettlementDateIsRejected() {
        ClaimAssessment claim = assess(LydScenario.settledLoan().dishonestyListed(LocalDate.of(2026, 3, 15), null));

        assertThat(claim.reasons()).containsExactly(DISHONESTY_LISTED);
    }

    @Test
    void aFirmClearedOnTheSettlementDateIsEligible() {
        ClaimAssessment claim = assess(LydScenario.settledLoan()
                .dishonestyListed(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 3, 15)));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
    }

    @Test
    void aFirmListedTheDayAfterTheSettlementDateIsEligible() {
        ClaimAssessment claim = assess(LydScenario.settledLoan().dishonestyListed(LocalDate.of(2026, 3, 16), null));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
    }

    @Test
    void anIneligibleClaimListsEveryReasonInTheDocumentOrder() {
        ClaimAssessment claim = assess(new LydScenario()
                .firm(FirmFixture.highTechFirm().withoutQualifications().district("110105").employees(900))
                .contract("C-001", LocalDate.of(2023, 10, 1), LocalDate.of(2024, 9, 30))
                .premium("45000.00", LocalDate.of(2023, 10, 10))
                .dishonestyListed(LocalDate.of(2024, 1, 1), null)
                .defaultedOn(LocalDate.of(2024, 7, 1))
                .overdue()
                .settledOn(LocalDate.of(2024, 8, 1)));

        assertThat(claim.status()).isEqualTo(ClaimStatus.INELIGIBLE);
        assertThat(claim.reasons()).containsExactly(
                NOT_SHANGHAI, NOT_TECH_FIRM, SIZE_EXCEEDED, OVERDUE, LOAN_DEFAULTED, OUT_OF_WINDOW, DISHONESTY_LISTED);
        assertThat(claim.amount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(claim.caps()).isEmpty();
        // the base stays visible, so the firm can see what the claim would have been on
        assertThat(claim.base()).isEqualByComparingTo("45000.00");
    }

    @Test
    void theClaimRecordsTheRuleVersion() {
        RuleParameters version = RuleParametersFixture.fromDocumentDefaults().version("SY2026-r2").build();

        assertThat(program.assess(LydScenario.settledLoan().facts(), FAR_FUTURE, version).ruleVersion())
                .isEqualTo("SY2026-r2");
    }
}
