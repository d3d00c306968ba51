package cn.shanghai.techfinance.subsidy.rules.loan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** An interest instalment the firm paid (interest.paid). */
public record InterestInstalment(
        String contractNo, int installmentNo, BigDecimal interestAmount, LocalDate dueOn, LocalDate paidOn) {

    public InterestInstalment {
        Objects.requireNonNull(contractNo, "contractNo");
        if (installmentNo < 1) {
            throw new IllegalArgumentException("installmentNo must be at least 1");
        }
        if (interestAmount.signum() < 0) {
            throw new IllegalArgumentException("interestAmount is negative");
        }
        Objects.requireNonNull(dueOn, "dueOn");
        Objects.requireNonNull(paidOn, "paidOn");
    }
}
