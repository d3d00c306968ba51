package cn.shanghai.techfinance.subsidy.rules.loan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A contract (tranche) drawn under an approval, with what the ledger knows of its repayment.
 *
 * @param lpr1y 1-year LPR at disbursement
 * @param renewalOf the contract this one renews without repayment of principal (无还本续贷), or {@code null}
 * @param settledOn the day it was repaid in full (结清), or {@code null}
 * @param everOverdue whether the bank ever reported it overdue
 * @param defaultedOn the day the bank reported it defaulted, or {@code null}
 */
public record LoanContract(
        String contractNo,
        String approvalNo,
        BigDecimal principal,
        BigDecimal annualRate,
        BigDecimal lpr1y,
        LocalDate disbursedOn,
        LocalDate maturityOn,
        String renewalOf,
        LocalDate settledOn,
        boolean everOverdue,
        LocalDate defaultedOn) {

    public LoanContract {
        Objects.requireNonNull(contractNo, "contractNo");
        Objects.requireNonNull(approvalNo, "approvalNo");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(annualRate, "annualRate");
        Objects.requireNonNull(lpr1y, "lpr1y");
        Objects.requireNonNull(disbursedOn, "disbursedOn");
        Objects.requireNonNull(maturityOn, "maturityOn");
    }
}
