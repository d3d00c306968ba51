package cn.shanghai.techfinance.subsidy.rules.techinsurance;

import cn.shanghai.techfinance.subsidy.rules.firm.DishonestyListing;
import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import cn.shanghai.techfinance.subsidy.rules.loan.PremiumPayment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The ledger facts of one tech-insurance policy (科技保险, techpolicy.issued), the unit of a
 * TECH_INSURANCE_PREMIUM claim.
 *
 * @param firm the firm as the insurer reported it with the policy
 * @param line 险种, e.g. RD_EXPENSE_LOSS; kept a string so that the rule data says which are covered
 * @param payments techpolicy.premium-paid, in any order
 * @param cancelledOn techpolicy.cancelled's date, or {@code null}
 * @param dishonestyListings the firm's periods on the serious dishonesty list
 */
public record TechPolicyFacts(
        String insurerCode,
        String policyNo,
        String line,
        FirmSnapshot firm,
        BigDecimal premium,
        LocalDate startOn,
        List<PremiumPayment> payments,
        LocalDate cancelledOn,
        List<DishonestyListing> dishonestyListings) {

    public TechPolicyFacts {
        Objects.requireNonNull(insurerCode, "insurerCode");
        Objects.requireNonNull(policyNo, "policyNo");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(firm, "firm");
        if (premium.signum() <= 0) {
            throw new IllegalArgumentException("premium of policy " + policyNo + " is not positive");
        }
        Objects.requireNonNull(startOn, "startOn");
        payments = List.copyOf(payments);
        dishonestyListings = List.copyOf(dishonestyListings);
    }
}
