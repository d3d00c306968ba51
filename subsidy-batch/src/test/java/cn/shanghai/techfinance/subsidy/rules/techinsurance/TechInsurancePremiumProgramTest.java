package cn.shanghai.techfinance.subsidy.rules.techinsurance;

import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.CAP_PARTIAL;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.CAP_REACHED;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.DISHONESTY_LISTED;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.LINE_NOT_COVERED;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.NOT_SHANGHAI;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.NOT_TECH_FIRM;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.POLICY_CANCELLED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.CapLimit;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimState;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.FirmFixture;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.RuleParametersFixture;
import cn.shanghai.techfinance.subsidy.rules.cap.AllocatedClaim;
import cn.shanghai.techfinance.subsidy.rules.cap.CapAllocation;
import cn.shanghai.techfinance.subsidy.rules.cap.CapAllocator;
import cn.shanghai.techfinance.subsidy.rules.firm.DishonestyListing;
import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import cn.shanghai.techfinance.subsidy.rules.loan.PremiumPayment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every rule of subsidy-rules.md §4a, TECH_INSURANCE_PREMIUM 科技保险保费补贴. */
class TechInsurancePremiumProgramTest {

    private static final LocalDate START = LocalDate.of(2026, 3, 1);
    private static final LocalDate PAID = LocalDate.of(2026, 3, 10);

    private final RuleParameters parameters = RuleParametersFixture.documentDefaults();
    private final TechInsurancePremiumProgram program = new TechInsurancePremiumProgram();

    @Test
    void aPolicyPaidInFullGetsHalfItsPremium() {
        ClaimAssessment claim = assess(policy().paid("120000.00", PAID));

        assertThat(claim.status()).isEqualTo(ClaimStatus.COMPUTED);
        assertThat(claim.key()).isEqualTo(new ClaimKey.TechInsurance("PICC-SH", "TP-001"));
        assertThat(claim.key().program()).isEqualTo(Program.TECH_INSURANCE);
        assertThat(Program.TECH_INSURANCE.publicName()).isEqualTo("TECH_INSURANCE_PREMIUM");
        assertThat(claim.uscc()).isEqualTo(FirmFixture.USCC);
        assertThat(claim.triggerDate()).isEqualTo(PAID);
        assertThat(claim.base()).isEqualByComparingTo("120000.00");
        assertThat(claim.ratio()).isEqualByComparingTo("0.50");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("60000.00"));
        assertThat(claim.reasons()).isEmpty();
        assertThat(claim.ruleVersion()).isEqualTo(parameters.version());
    }

    @Test
    void theTriggerIsThePaymentThatBringsThePaidTotalToThePremium() {
        Policy policy = policy().paid("50000.00", PAID).paid("30000.00", PAID.plusDays(20)).paid("40000.00", PAID.plusDays(40));

        assertThat(program.triggerDate(policy.facts(), PAID.plusDays(39))).isEmpty();
        assertThat(program.triggerDate(policy.facts(), PAID.plusDays(40))).contains(PAID.plusDays(40));
        assertThat(program.triggerDate(policy().paid("119999.99", PAID).facts(), PAID.plusYears(1))).isEmpty();
        assertThatThrownBy(() -> program.assess(policy.facts(), PAID.plusDays(39), parameters))
                .isInstanceOf(IllegalStateException.class);
        assertThat(program.assess(policy.facts(), PAID.plusDays(40), parameters).base()).isEqualByComparingTo("120000.00");
    }

    @Test
    void theBaseIsWhatWasPaidByTheTriggerDateAndAtMostThePremium() {
        // Paid in two instalments, the second overpaying by 0.01; a later payment does not count either.
        ClaimAssessment claim = assess(policy()
                .paid("100000.00", PAID).paid("20000.01", PAID.plusDays(5)).paid("500.00", PAID.plusDays(9)));

        assertThat(claim.triggerDate()).isEqualTo(PAID.plusDays(5));
        assertThat(claim.base()).isEqualByComparingTo("120000.00");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("60000.00"));
    }

    @Test
    void theAmountIsRoundedOnceHalfUp() {
        ClaimAssessment claim = assess(new Policy("0.05", FirmFixture.highTechFirm().build()).paid("0.05", PAID));

        assertThat(claim.amount()).isEqualTo(new BigDecimal("0.03"));
    }

    @Test
    void theRatioIsRuleData() {
        RuleParameters other = RuleParametersFixture.fromDocumentDefaults().techInsuranceRatio("0.40").build();
        ClaimAssessment claim = program.assess(policy().paid("120000.00", PAID).facts(), PAID, other);

        assertThat(claim.ratio()).isEqualByComparingTo("0.40");
        assertThat(claim.amount()).isEqualTo(new BigDecimal("48000.00"));
    }

    @Test
    void theFourRdLinesAreCoveredOthersAreNot() {
        for (String line : List.of("RD_EXPENSE_LOSS", "DELIVERY_ASSURANCE", "THIRD_PARTY_LIABILITY", "KEY_EQUIPMENT")) {
            assertThat(assess(policy().line(line).paid("120000.00", PAID)).status()).as(line).isEqualTo(ClaimStatus.COMPUTED);
        }
        ClaimAssessment claim = assess(policy().line("CARGO").paid("120000.00", PAID));

        assertThat(claim.status()).isEqualTo(ClaimStatus.INELIGIBLE);
        assertThat(claim.reasons()).containsExactly(LINE_NOT_COVERED);
        assertThat(claim.amount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(claim.caps()).isEmpty();
    }

    @Test
    void everyReasonIsListedInTheDocumentsOrder() {
        FirmSnapshot firm = FirmFixture.highTechFirm().district("320102").withoutQualifications().build();
        ClaimAssessment claim = assess(new Policy("120000.00", firm).line("CARGO").paid("120000.00", PAID)
                .listed(new DishonestyListing(PAID, null)));

        assertThat(claim.reasons()).containsExactly(NOT_SHANGHAI, NOT_TECH_FIRM, LINE_NOT_COVERED, DISHONESTY_LISTED);
    }

    @Test
    void theFirmIsATechFirmAsOfThePolicysStart() {
        FirmSnapshot expiresTheDayAfterStart = FirmFixture.highTechFirm().withoutQualifications()
                .qualification("HNTE", START.minusYears(3), START.plusDays(1)).build();
        FirmSnapshot startsTheDayAfterStart = FirmFixture.highTechFirm().withoutQualifications()
                .qualification("HNTE", START.plusDays(1), START.plusYears(3)).build();

        assertThat(assess(new Policy("120000.00", expiresTheDayAfterStart).paid("120000.00", PAID)).status())
                .isEqualTo(ClaimStatus.COMPUTED);
        assertThat(assess(new Policy("120000.00", startsTheDayAfterStart).paid("120000.00", PAID)).reasons())
                .containsExactly(NOT_TECH_FIRM);
    }

    @Test
    void aTechServiceFirmQualifiesForPoliciesStartingFromTechServiceFrom() {
        FirmSnapshot techService = FirmFixture.techServiceFirm().build();
        LocalDate from = parameters.techServiceFrom();

        assertThat(assess(new Policy("120000.00", techService).startOn(from).paid("120000.00", PAID)).status())
                .isEqualTo(ClaimStatus.COMPUTED);
        assertThat(assess(new Policy("120000.00", techService).startOn(from.minusDays(1)).paid("120000.00", PAID))
                .reasons()).containsExactly(NOT_TECH_FIRM);
    }

    @Test
    void thereIsNoSizeTest() {
        FirmSnapshot large = FirmFixture.highTechFirm().employees(5000).annualRevenue("900000000.00")
                .totalAssets("900000000.00").build();

        assertThat(assess(new Policy("120000.00", large).paid("120000.00", PAID)).status()).isEqualTo(ClaimStatus.COMPUTED);
    }

    @Test
    void aFirmListedOnTheTriggerDateIsRejectedOneClearedThatDayIsNot() {
        assertThat(assess(policy().paid("120000.00", PAID).listed(new DishonestyListing(PAID, null))).reasons())
                .containsExactly(DISHONESTY_LISTED);
        assertThat(assess(policy().paid("120000.00", PAID).listed(new DishonestyListing(START, PAID))).status())
                .isEqualTo(ClaimStatus.COMPUTED);
        // Listed between the first payment and the trigger: the trigger date is what counts.
        assertThat(assess(policy().paid("60000.00", START).paid("60000.00", PAID)
                .listed(new DishonestyListing(PAID.minusDays(1), null))).reasons()).containsExactly(DISHONESTY_LISTED);
    }

    @Test
    void theClaimDrawsOnItsPolicyCapAndTheFirmsCalendarYearOfTheTrigger() {
        ClaimAssessment claim = assess(policy().paid("120000.00", LocalDate.of(2026, 12, 31)));

        assertThat(claim.caps()).containsExactly(
                new CapLimit(CapBucket.techPolicy(FirmFixture.USCC, "PICC-SH", "TP-001"), new BigDecimal("500000.00")),
                new CapLimit(CapBucket.techCalendarYear(FirmFixture.USCC, 2026), new BigDecimal("1000000.00")));
    }

    @Test
    void aPolicyIsGrantedAtMostItsCapAndTheCapKeepsNoTotal() {
        CapAllocation allocation = new CapAllocator().allocate(
                List.of(assess(new Policy("1200000.00", FirmFixture.highTechFirm().build()).paid("1200000.00", PAID))),
                Map.of());

        AllocatedClaim claim = allocation.claims().get(0);
        assertThat(claim.amount()).isEqualTo(new BigDecimal("500000.00"));
        assertThat(claim.reasons()).containsExactly(CAP_PARTIAL);
        assertThat(allocation.allocatedTotals()).containsOnlyKeys(CapBucket.techCalendarYear(FirmFixture.USCC, 2026));
    }

    @Test
    void theFirmsYearCapIsTakenByTriggerDateThenInsurerThenPolicyNo() {
        FirmSnapshot firm = FirmFixture.highTechFirm().build();
        // Each claim 400,000.00 (premium 800,000.00, under the policy cap): the third crosses 1,000,000.00.
        List<ClaimAssessment> claims = new ArrayList<>();
        claims.add(assess(new Policy("800000.00", firm).key("PICC-SH", "TP-9").paid("800000.00", PAID)));
        claims.add(assess(new Policy("800000.00", firm).key("CPIC-SH", "TP-5").paid("800000.00", PAID)));
        claims.add(assess(new Policy("800000.00", firm).key("CPIC-SH", "TP-1").paid("800000.00", PAID.plusDays(1))));
        claims.add(assess(new Policy("800000.00", firm).key("AAA-SH", "TP-0").paid("800000.00", PAID.plusDays(2))));
        // Next calendar year: a cap of its own.
        claims.add(assess(new Policy("800000.00", firm).key("AAA-SH", "TP-7").paid("800000.00", LocalDate.of(2027, 1, 4))));

        List<AllocatedClaim> allocated = new CapAllocator().allocate(claims, Map.of()).claims();

        assertThat(allocated).extracting(c -> c.assessment().key().number())
                .containsExactly("TP-5", "TP-9", "TP-1", "TP-0", "TP-7");
        assertThat(allocated).extracting(AllocatedClaim::amount).containsExactly(
                new BigDecimal("400000.00"), new BigDecimal("400000.00"), new BigDecimal("200000.00"),
                new BigDecimal("0.00"), new BigDecimal("400000.00"));
        assertThat(allocated.get(2).reasons()).containsExactly(CAP_PARTIAL);
        assertThat(allocated.get(3).reasons()).containsExactly(CAP_REACHED);
    }

    @Test
    void theCapsAreRuleData() {
        RuleParameters lower = RuleParametersFixture.fromDocumentDefaults().techInsuranceCaps("1000.00", "1500.00").build();
        ClaimAssessment claim = program.assess(policy().paid("120000.00", PAID).facts(), PAID, lower);

        assertThat(claim.caps()).extracting(CapLimit::limit)
                .containsExactly(new BigDecimal("1000.00"), new BigDecimal("1500.00"));
    }

    @Test
    void aCancelledPolicyCancelsItsUnpaidClaimAndClawsBackAPaidOne() {
        ClaimKey key = new ClaimKey.TechInsurance("PICC-SH", "TP-001");
        TechPolicyCancellation cancellation = new TechPolicyCancellation();

        for (ClaimStatus unpaid : List.of(ClaimStatus.COMPUTED, ClaimStatus.PUBLISHED, ClaimStatus.CONFIRMED)) {
            assertThat(cancellation.apply(new ClaimState(key, unpaid, List.of(CAP_PARTIAL))))
                    .as(unpaid.name())
                    .contains(new ClaimState(key, ClaimStatus.CANCELLED, List.of(CAP_PARTIAL, POLICY_CANCELLED)));
        }
        assertThat(cancellation.apply(new ClaimState(key, ClaimStatus.PAID, List.of())))
                .contains(new ClaimState(key, ClaimStatus.CLAWBACK_DUE, List.of()));
        for (ClaimStatus unchanged : List.of(ClaimStatus.INELIGIBLE, ClaimStatus.FORFEITED, ClaimStatus.CANCELLED,
                ClaimStatus.CLAWBACK_DUE, ClaimStatus.RECOVERED)) {
            assertThat(cancellation.apply(new ClaimState(key, unchanged, List.of()))).as(unchanged.name()).isEmpty();
        }
        assertThat(cancellation.apply(new ClaimState(new ClaimKey.Lyd("ICBC-SH", "A-1"), ClaimStatus.COMPUTED, List.of())))
                .isEqualTo(Optional.empty());
    }

    private ClaimAssessment assess(Policy policy) {
        return program.assess(policy.facts(), PAID.plusYears(1), parameters);
    }

    private static Policy policy() {
        return new Policy("120000.00", FirmFixture.highTechFirm().build());
    }

    /** A policy of a covered line by default, started on START, built up payment by payment. */
    private static final class Policy {
        private final String premium;
        private final FirmSnapshot firm;
        private String insurerCode = "PICC-SH";
        private String policyNo = "TP-001";
        private String line = "RD_EXPENSE_LOSS";
        private LocalDate startOn = START;
        private final List<PremiumPayment> payments = new ArrayList<>();
        private final List<DishonestyListing> listings = new ArrayList<>();

        Policy(String premium, FirmSnapshot firm) {
            this.premium = premium;
            this.firm = firm;
        }

        Policy key(String insurerCode, String policyNo) {
            this.insurerCode = insurerCode;
            this.policyNo = policyNo;
            return this;
        }

        Policy line(String line) {
            this.line = line;
            return this;
        }

        Policy startOn(LocalDate startOn) {
            this.startOn = startOn;
            return this;
        }

        Policy paid(String amount, LocalDate paidOn) {
            payments.add(new PremiumPayment(new BigDecimal(amount), paidOn));
            return this;
        }

        Policy listed(DishonestyListing listing) {
            listings.add(listing);
            return this;
        }

        TechPolicyFacts facts() {
            return new TechPolicyFacts(insurerCode, policyNo, line, firm, new BigDecimal(premium), startOn, payments,
                    null, listings);
        }
    }
}
