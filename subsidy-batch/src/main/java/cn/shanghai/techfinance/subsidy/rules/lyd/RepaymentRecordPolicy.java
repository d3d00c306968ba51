package cn.shanghai.techfinance.subsidy.rules.lyd;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanContract;
import java.util.List;

/** 按期履约: the premium is refunded only if no contract of the approval was ever overdue or defaulted. */
final class RepaymentRecordPolicy {

    private RepaymentRecordPolicy() {
    }

    static Decision neverOverdue(List<LoanContract> contracts) {
        return contracts.stream().anyMatch(LoanContract::everOverdue)
                ? Decision.rejected(ReasonCode.OVERDUE)
                : Decision.ALLOWED;
    }

    static Decision neverDefaulted(List<LoanContract> contracts) {
        return contracts.stream().anyMatch(contract -> contract.defaultedOn() != null)
                ? Decision.rejected(ReasonCode.LOAN_DEFAULTED)
                : Decision.ALLOWED;
    }
}
