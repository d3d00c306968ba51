package cn.shanghai.techfinance.subsidy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdInterestProgram;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdScenario;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydPremiumProgram;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydScenario;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The worked examples of subsidy-rules.md §6, with the document's exact amounts. */
class WorkedExamplesTest {

    private static final LocalDate BUSINESS_DATE = LocalDate.of(2026, 3, 15);

    private final RuleParameters parameters = RuleParametersFixture.documentDefaults();
    private final LydPremiumProgram lyd = new LydPremiumProgram();
    private final HkzdInterestProgram hkzd = new HkzdInterestProgram();

    @Test
    @DisplayName("§6.1 LYD, HNTE firm in 3911, premium 45,000.00, settled 2026-03-15: SY2026, ratio 0.50 → 22,500.00")
    void example1_highTechFirmGetsHalfThePremium() {
        ClaimAssessment claim = lyd.assess(
                LydScenario.settledLoan().firm(FirmFixture.highTechFirm()).facts(), BUSINESS_DATE, parameters);

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
        assertThat(claim.triggerDate()).isEqualTo(LocalDate.of(2026, 3, 15));
        assertThat(claim.base()).isEqualByComparingTo("45000.00");
        assertThat(claim.ratio()).isEqualByComparingTo("0.50");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("22500.00"));
        assertThat(claim.reasons()).isEmpty();
        assertThat(claim.caps()).extracting(CapLimit::bucket)
                .containsExactly(CapBucket.lydSubsidyYear(FirmFixture.USCC, 2026));
    }

    @Test
    @DisplayName("§6.2 LYD, tech-service firm 7320 without qualification, disbursed 2025-09-01: ratio 0.70 → 31,500.00")
    void example2_techServiceFirmGetsTheHigherRatio() {
        ClaimAssessment claim = lyd.assess(
                LydScenario.settledLoan()
                        .firm(FirmFixture.techServiceFirm())
                        .disbursedOn(LocalDate.of(2025, 9, 1))
                        .facts(),
                BUSINESS_DATE,
                parameters);

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
        assertThat(claim.ratio()).isEqualByComparingTo("0.70");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("31500.00"));
        assertThat(claim.reasons()).isEmpty();
    }

    @Test
    @DisplayName("§6.3 LYD, tech-service firm disbursed 2025-04-01, before techServiceFrom → INELIGIBLE NOT_TECH_FIRM")
    void example3_techServiceFirmDisbursedBeforeTechServiceFromIsNoTechFirm() {
        ClaimAssessment claim = lyd.assess(
                LydScenario.settledLoan()
                        .firm(FirmFixture.techServiceFirm())
                        .disbursedOn(LocalDate.of(2025, 4, 1))
                        .facts(),
                BUSINESS_DATE,
                parameters);

        assertThat(claim.status()).isEqualTo(ClaimStatus.INELIGIBLE);
        assertThat(claim.reasons()).containsExactly(ReasonCode.NOT_TECH_FIRM);
        assertThat(claim.amount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(claim.caps()).isEmpty();
    }

    @Test
    @DisplayName("§6.4 HKZD, 5.00 % against LPR 3.10 % (cap 4.34 %), 12,500.00, not first loan → 5,425.00 RATE_CAPPED")
    void example4_rateAboveTheCapCountsTheCappedShare() {
        ClaimAssessment claim = hkzd.assess(
                HkzdScenario.loan()
                        .rates("0.0500", "0.0310")
                        .paidOnTime(1, "12500.00", LocalDate.of(2026, 3, 21)),
                parameters);

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
        assertThat(claim.amount()).isEqualTo(new BigDecimal("5425.00"));
        assertThat(claim.reasons()).containsExactly(ReasonCode.RATE_CAPPED);
    }

    @Test
    @DisplayName("§6.5 HKZD, 3.45 % against LPR 3.10 %, first loan, 8,333.33 on time: 5,833.331 → 5,833.33")
    void example5_firstLoanGetsSeventyPercentRoundedOnce() {
        ClaimAssessment claim = hkzd.assess(
                HkzdScenario.loan()
                        .rates("0.0345", "0.0310")
                        .firstLoan()
                        .paidOnTime(1, "8333.33", LocalDate.of(2026, 3, 21)),
                parameters);

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
        assertThat(claim.ratio()).isEqualByComparingTo("0.70");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("5833.33"));
        assertThat(claim.reasons()).isEmpty();
    }

    @Test
    @DisplayName("§6.6 HKZD instalment paid one day after dueOn → INELIGIBLE OVERDUE, 0.00")
    void example6_instalmentPaidOneDayLateIsOverdue() {
        ClaimAssessment claim = hkzd.assess(
                HkzdScenario.loan().paid(1, "12500.00", LocalDate.of(2026, 3, 20), LocalDate.of(2026, 3, 21)),
                parameters);

        assertThat(claim.status()).isEqualTo(ClaimStatus.INELIGIBLE);
        assertThat(claim.reasons()).containsExactly(ReasonCode.OVERDUE);
        assertThat(claim.amount()).isEqualTo(new BigDecimal("0.00"));
    }
}
