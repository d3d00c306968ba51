package cn.shanghai.techfinance.subsidy.rules.hkzd;

import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.CapLimit;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimPolicy;
import cn.shanghai.techfinance.subsidy.rules.EligibilityVerdict;
import cn.shanghai.techfinance.subsidy.rules.Money;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.firm.DishonestyPolicy;
import cn.shanghai.techfinance.subsidy.rules.firm.ShanghaiRegistrationPolicy;
import cn.shanghai.techfinance.subsidy.rules.firm.TechFirmPolicy;
import cn.shanghai.techfinance.subsidy.rules.loan.InterestInstalment;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanContract;
import java.math.BigDecimal;
import java.util.List;

/**
 * HKZD_INTEREST, 沪科专贷贴息 (subsidy-rules.md §4): part of each interest instalment a tech firm
 * paid on time is refunded. The trigger date is the instalment's paidOn.
 */
public final class HkzdInterestProgram {

    /** The eligibility policies, in the order of their reason codes; the rate cap only adds a note. */
    private static final List<ClaimPolicy<HkzdClaimFacts>> POLICIES = List.of(
            (claim, parameters) -> ShanghaiRegistrationPolicy.decide(claim.application().firm()),
            (claim, parameters) -> TechFirmPolicy.decide(
                    claim.application().firm(), claim.contract().disbursedOn(), parameters),
            (claim, parameters) -> InstalmentPaymentPolicy.paidOnTime(claim.instalment()),
            (claim, parameters) -> InstalmentPaymentPolicy.paidBeforeDefault(claim.instalment(), claim.contract()),
            (claim, parameters) -> DishonestyPolicy.decide(claim.dishonestyListings(), claim.instalment().paidOn()),
            (claim, parameters) -> RateCapPolicy.decide(claim.contract(), parameters));

    /** @param parameters the rule version in force on the instalment's paidOn */
    public ClaimAssessment assess(HkzdClaimFacts facts, RuleParameters parameters) {
        LoanContract contract = facts.contract();
        InterestInstalment instalment = facts.instalment();
        String uscc = facts.application().firm().uscc();
        BigDecimal interest = instalment.interestAmount();
        // 首贷 gets the higher ratio.
        BigDecimal ratio = facts.application().firstLoan() ? parameters.hkzdFirstLoanRatio() : parameters.hkzdRatio();
        BigDecimal amount = RateCapPolicy.isCapped(contract, parameters)
                ? Money.roundedQuotient(
                        interest.multiply(RateCapPolicy.capRate(contract, parameters)).multiply(ratio),
                        contract.annualRate())
                : Money.round(interest.multiply(ratio));
        return ClaimAssessment.of(
                new ClaimKey.Hkzd(facts.application().bankCode(), contract.contractNo(), instalment.installmentNo()),
                uscc,
                instalment.paidOn(),
                parameters,
                interest,
                ratio,
                amount,
                EligibilityVerdict.of(POLICIES, facts, parameters),
                List.of(
                        new CapLimit(
                                CapBucket.hkzdCalendarYear(uscc, instalment.paidOn().getYear()),
                                parameters.hkzdCapPerCalendarYear()),
                        new CapLimit(CapBucket.hkzdLifetime(uscc), parameters.hkzdLifetimeCap())));
    }
}
