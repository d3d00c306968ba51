package cn.shanghai.techfinance.subsidy.rules.loan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** A premium payment the insurer reported (premium.paid). */
public record PremiumPayment(BigDecimal amount, LocalDate paidOn) {

    public PremiumPayment {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount is negative");
        }
        Objects.requireNonNull(paidOn, "paidOn");
    }
}
