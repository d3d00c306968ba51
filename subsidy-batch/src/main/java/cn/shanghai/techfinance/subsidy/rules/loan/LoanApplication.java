package cn.shanghai.techfinance.subsidy.rules.loan;

import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import java.util.Objects;

/**
 * A loan application (申请) with the firm snapshot the bank sent with it.
 *
 * @param firstLoan 首贷: the firm's first loan from any bank
 */
public record LoanApplication(
        String bankCode, String applicationNo, Program program, boolean firstLoan, FirmSnapshot firm) {

    public LoanApplication {
        Objects.requireNonNull(bankCode, "bankCode");
        Objects.requireNonNull(applicationNo, "applicationNo");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(firm, "firm");
    }
}
