package cn.shanghai.techfinance.subsidy.rules.loan;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A performance-guarantee policy (履约保证保险) on one contract, with its premium payments.
 *
 * @param cancelledOn the day it was cancelled, or {@code null}
 */
public record InsurancePolicy(String policyNo, String contractNo, List<PremiumPayment> payments, LocalDate cancelledOn) {

    public InsurancePolicy {
        Objects.requireNonNull(policyNo, "policyNo");
        Objects.requireNonNull(contractNo, "contractNo");
        payments = List.copyOf(payments);
    }
}
