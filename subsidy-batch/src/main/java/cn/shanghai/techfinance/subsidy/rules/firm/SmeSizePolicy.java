package cn.shanghai.techfinance.subsidy.rules.firm;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;

/** 中小企业 (履约贷 only): employees, annual revenue and total assets each at most its limit. */
public final class SmeSizePolicy {

    private SmeSizePolicy() {
    }

    public static Decision decide(FirmSnapshot firm, RuleParameters parameters) {
        boolean withinLimits = firm.employees() <= parameters.smeMaxEmployees()
                && firm.annualRevenue().compareTo(parameters.smeMaxAnnualRevenue()) <= 0
                && firm.totalAssets().compareTo(parameters.smeMaxTotalAssets()) <= 0;
        return withinLimits ? Decision.ALLOWED : Decision.rejected(ReasonCode.SIZE_EXCEEDED);
    }
}
