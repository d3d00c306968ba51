package cn.shanghai.techfinance.subsidy.rules.lyd;

import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.CapLimit;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimPolicy;
import cn.shanghai.techfinance.subsidy.rules.EligibilityVerdict;
import cn.shanghai.techfinance.subsidy.rules.Money;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.firm.DishonestyPolicy;
import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import cn.shanghai.techfinance.subsidy.rules.firm.ShanghaiRegistrationPolicy;
import cn.shanghai.techfinance.subsidy.rules.firm.SmeSizePolicy;
import cn.shanghai.techfinance.subsidy.rules.firm.TechFirmPolicy;
import cn.shanghai.techfinance.subsidy.rules.loan.InsurancePolicy;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanContract;
import cn.shanghai.techfinance.subsidy.rules.loan.PremiumPayment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * LYD_PREMIUM, 科技履约贷保费补贴 (subsidy-rules.md §3): once every contract of an approval is
 * settled, part of the premium the firm actually paid is refunded, without application (免申即享).
 */
public final class LydPremiumProgram {

    /** The eligibility policies, in the order of their reason codes. */
    private static final List<ClaimPolicy<SettledApproval>> POLICIES = List.of(
            (claim, parameters) -> ShanghaiRegistrationPolicy.decide(claim.firm()),
            (claim, parameters) -> TechFirmPolicy.decide(claim.firm(), claim.firstDisbursedOn(), parameters),
            (claim, parameters) -> SmeSizePolicy.decide(claim.firm(), parameters),
            (claim, parameters) -> RepaymentRecordPolicy.neverOverdue(claim.facts().contracts()),
            (claim, parameters) -> RepaymentRecordPolicy.neverDefaulted(claim.facts().contracts()),
            (claim, parameters) -> SubsidyYearPolicy.decide(claim.settlementDate(), parameters),
            (claim, parameters) -> DishonestyPolicy.decide(claim.facts().dishonestyListings(), claim.settlementDate()));

    /**
     * The claim's trigger: present once every contract of the approval is settled on or before
     * {@code asOf}, and then the latest of their settlement dates (the claim's settlement date).
     */
    public Optional<LocalDate> settlementDate(LydClaimFacts facts, LocalDate asOf) {
        if (facts.contracts().isEmpty()) {
            return Optional.empty();
        }
        Set<String> renewed = Stream.concat(
                        facts.contracts().stream().map(LoanContract::renewalOf),
                        facts.renewedByOtherApprovals().stream())
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        LocalDate latest = LocalDate.MIN;
        for (LoanContract contract : facts.contracts()) {
            // 无还本续贷: a renewed contract counts as settled on its maturity date.
            LocalDate settledOn = renewed.contains(contract.contractNo()) ? contract.maturityOn() : contract.settledOn();
            if (settledOn == null || settledOn.isAfter(asOf)) {
                return Optional.empty();
            }
            if (settledOn.isAfter(latest)) {
                latest = settledOn;
            }
        }
        return Optional.of(latest);
    }

    /**
     * Assesses the approval's claim as of {@code businessDate}.
     *
     * @param parameters the rule version in force on the settlement date
     * @throws IllegalStateException if the claim is not triggered by the business date
     */
    public ClaimAssessment assess(LydClaimFacts facts, LocalDate businessDate, RuleParameters parameters) {
        LocalDate settlementDate = settlementDate(facts, businessDate)
                .orElseThrow(() -> new IllegalStateException(
                        "approval " + facts.approvalNo() + " is not settled by " + businessDate));
        SettledApproval claim = new SettledApproval(facts, settlementDate);
        EligibilityVerdict verdict = EligibilityVerdict.of(POLICIES, claim, parameters);
        BigDecimal base = premiumBase(facts, settlementDate);
        BigDecimal ratio = ratio(claim, parameters);
        String uscc = claim.firm().uscc();
        return ClaimAssessment.of(
                new ClaimKey.Lyd(facts.application().bankCode(), facts.approvalNo()),
                uscc,
                settlementDate,
                parameters,
                base,
                ratio,
                Money.round(base.multiply(ratio)),
                verdict,
                List.of(new CapLimit(
                        CapBucket.lydSubsidyYear(uscc, SubsidyYearPolicy.subsidyYearOf(settlementDate, parameters)),
                        parameters.lydCapPerSubsidyYear())));
    }

    /**
     * Premiums actually paid, on or before the settlement date. A policy cancelled by then did not
     * guarantee the loan to its end and its premium is refunded by the insurer, so it counts nothing.
     */
    private static BigDecimal premiumBase(LydClaimFacts facts, LocalDate settlementDate) {
        return facts.policies().stream()
                .filter(policy -> policy.cancelledOn() == null || policy.cancelledOn().isAfter(settlementDate))
                .map(InsurancePolicy::payments)
                .flatMap(List::stream)
                .filter(payment -> !payment.paidOn().isAfter(settlementDate))
                .map(PremiumPayment::amount)
                .reduce(Money.ZERO, BigDecimal::add);
    }

    /** 沪府办发〔2025〕11号: a higher ratio for tech-service firms settling from techServiceFrom on. */
    private static BigDecimal ratio(SettledApproval claim, RuleParameters parameters) {
        return TechFirmPolicy.isTechServiceFirm(claim.firm(), parameters)
                        && !claim.settlementDate().isBefore(parameters.techServiceFrom())
                ? parameters.lydTechServiceRatio()
                : parameters.lydRatio();
    }

    /** An approval whose contracts are all settled, as the policies see it. */
    private record SettledApproval(LydClaimFacts facts, LocalDate settlementDate) {

        FirmSnapshot firm() {
            return facts.application().firm();
        }

        /** The tech-firm predicate is evaluated as of the first disbursement. */
        LocalDate firstDisbursedOn() {
            return facts.contracts().stream()
                    .map(LoanContract::disbursedOn)
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
        }
    }
}
