package cn.shanghai.techfinance.subsidy.rules.hkzd;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanContract;
import java.math.BigDecimal;

/**
 * 利率上限: interest above LPR × multiplier (at disbursement) is not subsidised; a capped loan
 * counts only the share capRate / annualRate of its interest. A note, never a rejection.
 */
final class RateCapPolicy {

    private RateCapPolicy() {
    }

    static Decision decide(LoanContract contract, RuleParameters parameters) {
        return isCapped(contract, parameters) ? Decision.allowedWithNote(ReasonCode.RATE_CAPPED) : Decision.ALLOWED;
    }

    static BigDecimal capRate(LoanContract contract, RuleParameters parameters) {
        return contract.lpr1y().multiply(parameters.rateCapMultiplier());
    }

    static boolean isCapped(LoanContract contract, RuleParameters parameters) {
        return contract.annualRate().compareTo(capRate(contract, parameters)) > 0;
    }
}
