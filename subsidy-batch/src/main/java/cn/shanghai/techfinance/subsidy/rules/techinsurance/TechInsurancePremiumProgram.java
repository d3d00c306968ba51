package cn.shanghai.techfinance.subsidy.rules.techinsurance;

import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.CapLimit;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimPolicy;
import cn.shanghai.techfinance.subsidy.rules.EligibilityVerdict;
import cn.shanghai.techfinance.subsidy.rules.Money;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.TechInsuranceParameters;
import cn.shanghai.techfinance.subsidy.rules.firm.DishonestyPolicy;
import cn.shanghai.techfinance.subsidy.rules.firm.ShanghaiRegistrationPolicy;
import cn.shanghai.techfinance.subsidy.rules.firm.TechFirmPolicy;
import cn.shanghai.techfinance.subsidy.rules.loan.PremiumPayment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * TECH_INSURANCE_PREMIUM, 科技保险保费补贴 (subsidy-rules.md §4a): once a tech firm has paid the whole
 * premium of a policy of a covered line, part of it is refunded. There is no size test.
 */
public final class TechInsurancePremiumProgram {

    /** The eligibility policies, in the order of their reason codes. */
    private static final List<ClaimPolicy<PaidPolicy>> POLICIES = List.of(
            (claim, parameters) -> ShanghaiRegistrationPolicy.decide(claim.facts().firm()),
            // The tech-firm predicate (and its 73–75 route from techServiceFrom) as of the policy's start.
            (claim, parameters) -> TechFirmPolicy.decide(claim.facts().firm(), claim.facts().startOn(), parameters),
            (claim, parameters) -> CoveredLinePolicy.decide(claim.facts().line(), parameters),
            (claim, parameters) -> DishonestyPolicy.decide(claim.facts().dishonestyListings(), claim.triggerDate()));

    /**
     * The claim's trigger: the paidOn of the payment that brings the paid total to the premium,
     * present once that payment is on or before {@code asOf}.
     */
    public Optional<LocalDate> triggerDate(TechPolicyFacts facts, LocalDate asOf) {
        BigDecimal paid = Money.ZERO;
        for (PremiumPayment payment : facts.payments().stream()
                .sorted(Comparator.comparing(PremiumPayment::paidOn))
                .toList()) {
            if (payment.paidOn().isAfter(asOf)) {
                return Optional.empty();
            }
            paid = paid.add(payment.amount());
            if (paid.compareTo(facts.premium()) >= 0) {
                return Optional.of(payment.paidOn());
            }
        }
        return Optional.empty();
    }

    /**
     * Assesses the policy's claim as of {@code businessDate}.
     *
     * @param parameters the rule version in force on the trigger date
     * @throws IllegalStateException if the premium is not paid in full by the business date
     */
    public ClaimAssessment assess(TechPolicyFacts facts, LocalDate businessDate, RuleParameters parameters) {
        LocalDate triggerDate = triggerDate(facts, businessDate)
                .orElseThrow(() -> new IllegalStateException(
                        "policy " + facts.policyNo() + " is not paid in full by " + businessDate));
        PaidPolicy claim = new PaidPolicy(facts, triggerDate);
        TechInsuranceParameters rules = parameters.techInsurance();
        String uscc = facts.firm().uscc();
        BigDecimal base = premiumBase(facts, triggerDate);
        return ClaimAssessment.of(
                new ClaimKey.TechInsurance(facts.insurerCode(), facts.policyNo()),
                uscc,
                triggerDate,
                parameters,
                base,
                rules.ratio(),
                Money.round(base.multiply(rules.ratio())),
                EligibilityVerdict.of(POLICIES, claim, parameters),
                List.of(
                        new CapLimit(CapBucket.techPolicy(uscc, facts.insurerCode(), facts.policyNo()),
                                rules.capPerPolicy()),
                        new CapLimit(CapBucket.techCalendarYear(uscc, triggerDate.getYear()),
                                rules.capPerCalendarYear())));
    }

    /** The premium paid on or before the trigger date; an overpayment counts only up to the premium. */
    private static BigDecimal premiumBase(TechPolicyFacts facts, LocalDate triggerDate) {
        return facts.payments().stream()
                .filter(payment -> !payment.paidOn().isAfter(triggerDate))
                .map(PremiumPayment::amount)
                .reduce(Money.ZERO, BigDecimal::add)
                .min(facts.premium());
    }

    /** A policy whose premium is paid in full, as the policies see it. */
    private record PaidPolicy(TechPolicyFacts facts, LocalDate triggerDate) {
    }
}
