package cn.shanghai.techfinance.subsidy.rules.hkzd;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.loan.InterestInstalment;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanContract;

/** 按期付息: only interest paid on time, and before the loan defaulted, is subsidised. */
final class InstalmentPaymentPolicy {

    private InstalmentPaymentPolicy() {
    }

    static Decision paidOnTime(InterestInstalment instalment) {
        return instalment.paidOn().isAfter(instalment.dueOn())
                ? Decision.rejected(ReasonCode.OVERDUE)
                : Decision.ALLOWED;
    }

    static Decision paidBeforeDefault(InterestInstalment instalment, LoanContract contract) {
        return contract.defaultedOn() != null && !instalment.paidOn().isBefore(contract.defaultedOn())
                ? Decision.rejected(ReasonCode.LOAN_DEFAULTED)
                : Decision.ALLOWED;
    }
}
