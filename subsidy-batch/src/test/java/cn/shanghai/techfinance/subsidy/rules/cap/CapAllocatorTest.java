package cn.shanghai.techfinance.subsidy.rules.cap;

import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.CAP_PARTIAL;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.CAP_REACHED;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.OVERDUE;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.RATE_CAPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.FirmFixture;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.RuleParametersFixture;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdInterestProgram;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdScenario;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydPremiumProgram;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydScenario;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapAllocatorTest {

    private static final String USCC = FirmFixture.USCC;
    private static final CapBucket SY2026 = CapBucket.lydSubsidyYear(USCC, 2026);
    private static final CapBucket CY2026 = CapBucket.hkzdCalendarYear(USCC, 2026);
    private static final CapBucket CY2027 = CapBucket.hkzdCalendarYear(USCC, 2027);
    private static final CapBucket LIFETIME = CapBucket.hkzdLifetime(USCC);

    private final RuleParameters parameters = RuleParametersFixture.documentDefaults();
    private final CapAllocator allocator = new CapAllocator();

    /** An LYD claim of premium × 0.50 for the default HNTE firm. */
    private ClaimAssessment lyd(String bankCode, String approvalNo, LocalDate settledOn, String premium) {
        return lyd(LydScenario.approval(bankCode, approvalNo)
                .contract("C-" + approvalNo, settledOn.minusMonths(5), settledOn.plusMonths(6))
                .premium(premium, settledOn.minusMonths(4))
                .settledOn(settledOn));
    }

    private ClaimAssessment lyd(LydScenario scenario) {
        return new LydPremiumProgram().assess(scenario.facts(), LocalDate.of(2030, 1, 1), parameters);
    }

    /** An HKZD claim of interest × 0.50 for the default HNTE firm, paid on time. */
    private ClaimAssessment hkzd(String bankCode, String contractNo, int installmentNo, LocalDate paidOn, String interest) {
        return new HkzdInterestProgram().assess(
                HkzdScenario.contract(bankCode, contractNo).paidOnTime(installmentNo, interest, paidOn), parameters);
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void lydClaimsTakeTheCapBySettlementDateThenBankThenApproval() {
        ClaimAssessment p003 = lyd("ICBC-SH", "P-003", LocalDate.of(2026, 3, 15), "600000.00");
        ClaimAssessment p001 = lyd("ICBC-SH", "P-001", LocalDate.of(2026, 3, 15), "600000.00");
        ClaimAssessment boc = lyd("BOC-SH", "P-009", LocalDate.of(2026, 3, 15), "600000.00");
        ClaimAssessment earliest = lyd("ICBC-SH", "P-100", LocalDate.of(2026, 1, 10), "200000.00");

        CapAllocation allocation = allocator.allocate(List.of(p003, p001, boc, earliest), Map.of());

        assertThat(allocation.claims())
                .extracting(claim -> claim.assessment().key(), AllocatedClaim::amount, AllocatedClaim::reasons)
                .containsExactly(
                        tuple(new ClaimKey.Lyd("ICBC-SH", "P-100"), money("100000.00"), List.of()),
                        tuple(new ClaimKey.Lyd("BOC-SH", "P-009"), money("300000.00"), List.of()),
                        tuple(new ClaimKey.Lyd("ICBC-SH", "P-001"), money("100000.00"), List.of(CAP_PARTIAL)),
                        tuple(new ClaimKey.Lyd("ICBC-SH", "P-003"), money("0.00"), List.of(CAP_REACHED)));
        assertThat(allocation.claims()).extracting(AllocatedClaim::status).containsOnly(ClaimStatus.COMPUTED);
        assertThat(allocation.allocatedTotals()).containsEntry(SY2026, money("500000.00"));
    }

    @Test
    void aClaimExactlyFillingTheCapIsWholeAndTheNextGetsNothing() {
        CapAllocation allocation = allocator.allocate(List.of(
                        lyd("ICBC-SH", "P-001", LocalDate.of(2026, 3, 15), "1000000.00"),
                        lyd("ICBC-SH", "P-002", LocalDate.of(2026, 3, 16), "0.02")),
                Map.of());

        assertThat(allocation.claims())
                .extracting(AllocatedClaim::amount, AllocatedClaim::reasons)
                .containsExactly(tuple(money("500000.00"), List.of()), tuple(money("0.00"), List.of(CAP_REACHED)));
    }

    @Test
    void eachSubsidyYearHasItsOwnCap() {
        CapAllocation allocation = allocator.allocate(List.of(
                        lyd("ICBC-SH", "P-001", LocalDate.of(2026, 8, 31), "1000000.00"),
                        lyd("ICBC-SH", "P-002", LocalDate.of(2026, 9, 1), "1000000.00")),
                Map.of());

        assertThat(allocation.claims()).extracting(AllocatedClaim::amount)
                .containsExactly(money("500000.00"), money("500000.00"));
        assertThat(allocation.allocatedTotals())
                .containsEntry(SY2026, money("500000.00"))
                .containsEntry(CapBucket.lydSubsidyYear(USCC, 2027), money("500000.00"));
    }

    @Test
    void eachFirmHasItsOwnCap() {
        ClaimAssessment other = lyd(LydScenario.approval("ICBC-SH", "P-002")
                .firm(FirmFixture.highTechFirm().uscc("91310000OTHER00001"))
                .contract("C-2", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30))
                .premium("1000000.00", LocalDate.of(2025, 10, 10))
                .settledOn(LocalDate.of(2026, 3, 15)));

        CapAllocation allocation = allocator.allocate(
                List.of(lyd("ICBC-SH", "P-001", LocalDate.of(2026, 3, 15), "1000000.00"), other), Map.of());

        assertThat(allocation.claims()).extracting(AllocatedClaim::amount)
                .containsExactly(money("500000.00"), money("500000.00"));
    }

    @Test
    void amountsGrantedByEarlierRunsAreTakenFirst() {
        CapAllocation allocation = allocator.allocate(
                List.of(lyd("ICBC-SH", "P-001", LocalDate.of(2026, 3, 15), "200000.00")),
                Map.of(SY2026, money("450000.00")));

        assertThat(allocation.claims())
                .extracting(AllocatedClaim::amount, AllocatedClaim::reasons)
                .containsExactly(tuple(money("50000.00"), List.of(CAP_PARTIAL)));
        assertThat(allocation.allocatedTotals()).containsEntry(SY2026, money("500000.00"));
    }

    @Test
    void aCapReachedInAnEarlierRunGivesZero() {
        CapAllocation allocation = allocator.allocate(
                List.of(lyd("ICBC-SH", "P-001", LocalDate.of(2026, 3, 15), "200000.00")),
                Map.of(SY2026, money("500000.00")));

        assertThat(allocation.claims())
                .extracting(AllocatedClaim::amount, AllocatedClaim::reasons)
                .containsExactly(tuple(money("0.00"), List.of(CAP_REACHED)));
    }

    @Test
    void ineligibleClaimsTakeNothingAndKeepTheirReasons() {
        ClaimAssessment overdue = lyd(LydScenario.approval("ICBC-SH", "P-000")
                .contract("C-0", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30))
                .premium("1000000.00", LocalDate.of(2025, 10, 10))
                .overdue()
                .settledOn(LocalDate.of(2026, 1, 1)));

        CapAllocation allocation = allocator.allocate(
                List.of(overdue, lyd("ICBC-SH", "P-001", LocalDate.of(2026, 3, 15), "1000000.00")), Map.of());

        assertThat(allocation.claims())
                .extracting(AllocatedClaim::status, AllocatedClaim::amount, AllocatedClaim::reasons)
                .containsExactly(
                        tuple(ClaimStatus.INELIGIBLE, money("0.00"), List.of(OVERDUE)),
                        tuple(ClaimStatus.COMPUTED, money("500000.00"), List.of()));
    }

    @Test
    void hkzdClaimsTakeTheCalendarYearCapOfTheirPaidOn() {
        CapAllocation allocation = allocator.allocate(List.of(
                        hkzd("ICBC-SH", "C-101", 1, LocalDate.of(2026, 3, 21), "800000.00"),
                        hkzd("ICBC-SH", "C-101", 2, LocalDate.of(2026, 6, 21), "800000.00"),
                        hkzd("ICBC-SH", "C-101", 3, LocalDate.of(2026, 12, 31), "800000.00"),
                        hkzd("ICBC-SH", "C-101", 4, LocalDate.of(2027, 1, 1), "800000.00")),
                Map.of());

        assertThat(allocation.claims())
                .extracting(AllocatedClaim::amount, AllocatedClaim::reasons)
                .containsExactly(
                        tuple(money("400000.00"), List.of()),
                        tuple(money("400000.00"), List.of()),
                        tuple(money("200000.00"), List.of(CAP_PARTIAL)),
                        tuple(money("400000.00"), List.of()));
        assertThat(allocation.allocatedTotals())
                .containsEntry(CY2026, money("1000000.00"))
                .containsEntry(CY2027, money("400000.00"))
                .containsEntry(LIFETIME, money("1400000.00"));
    }

    @Test
    void theLifetimeCapBindsEvenWithRoomInTheCalendarYear() {
        CapAllocation allocation = allocator.allocate(List.of(
                        hkzd("ICBC-SH", "C-101", 7, LocalDate.of(2027, 3, 21), "800000.00"),
                        hkzd("ICBC-SH", "C-101", 8, LocalDate.of(2027, 6, 21), "800000.00")),
                Map.of(LIFETIME, money("2900000.00"), CY2026, money("1000000.00")));

        assertThat(allocation.claims())
                .extracting(AllocatedClaim::amount, AllocatedClaim::reasons)
                .containsExactly(tuple(money("100000.00"), List.of(CAP_PARTIAL)), tuple(money("0.00"), List.of(CAP_REACHED)));
        assertThat(allocation.allocatedTotals())
                .containsEntry(LIFETIME, money("3000000.00"))
                .containsEntry(CY2027, money("100000.00"))
                .containsEntry(CY2026, money("1000000.00"));
    }

    @Test
    void hkzdClaimsOfOneDayGoByBankThenContractThenInstalmentNumber() {
        LocalDate day = LocalDate.of(2026, 6, 21);
        CapAllocation allocation = allocator.allocate(List.of(
                        hkzd("ICBC-SH", "C-101", 10, day, "2000.00"),
                        hkzd("ICBC-SH", "C-101", 2, day, "2000.00"),
                        hkzd("BOC-SH", "C-900", 1, day, "2000.00")),
                Map.of(CY2026, money("998000.00")));

        assertThat(allocation.claims())
                .extracting(claim -> claim.assessment().key(), AllocatedClaim::amount)
                .containsExactly(
                        tuple(new ClaimKey.Hkzd("BOC-SH", "C-900", 1), money("1000.00")),
                        tuple(new ClaimKey.Hkzd("ICBC-SH", "C-101", 2), money("1000.00")),
                        tuple(new ClaimKey.Hkzd("ICBC-SH", "C-101", 10), money("0.00")));
    }

    @Test
    void aRateCappedClaimCrossingTheCapCarriesBothNotes() {
        ClaimAssessment capped = new HkzdInterestProgram().assess(
                HkzdScenario.loan().rates("0.0500", "0.0310").paidOnTime(1, "12500.00", LocalDate.of(2026, 3, 21)),
                parameters);

        CapAllocation allocation = allocator.allocate(List.of(capped), Map.of(CY2026, money("999000.00")));

        assertThat(allocation.claims())
                .extracting(AllocatedClaim::amount, AllocatedClaim::reasons)
                .containsExactly(tuple(money("1000.00"), List.of(RATE_CAPPED, CAP_PARTIAL)));
    }

    @Test
    void aZeroClaimAfterTheCapIsReachedGetsNoNote() {
        CapAllocation allocation = allocator.allocate(
                List.of(hkzd("ICBC-SH", "C-101", 1, LocalDate.of(2026, 3, 21), "0.00")),
                Map.of(CY2026, money("1000000.00")));

        assertThat(allocation.claims()).extracting(AllocatedClaim::reasons).containsExactly(List.of());
    }

    @Test
    void aClaimGivenTwiceIsRefused() {
        ClaimAssessment claim = hkzd("ICBC-SH", "C-101", 1, LocalDate.of(2026, 3, 21), "1000.00");

        assertThatThrownBy(() -> allocator.allocate(List.of(claim, claim), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void anEarlierTotalThatIsNoAmountIsRefused() {
        assertThatThrownBy(() -> allocator.allocate(List.of(), Map.of(CY2026, money("-0.01"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allocator.allocate(List.of(), Map.of(CY2026, money("0.001"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bucketsOfEarlierRunsThatNoClaimTouchedAreHandedBack() {
        CapBucket otherFirm = CapBucket.hkzdLifetime("91310000OTHER00001");

        CapAllocation allocation = allocator.allocate(List.of(), Map.of(otherFirm, money("12.34")));

        assertThat(allocation.claims()).isEmpty();
        assertThat(allocation.allocatedTotals()).containsExactly(Map.entry(otherFirm, money("12.34")));
    }
}
