package cn.shanghai.techfinance.contracts.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code premium.paid.v1}: the firm paid (part of) a policy's premium: the LYD subsidy base. */
public record PremiumPaid(String policyNo, BigDecimal amount, LocalDate paidOn) implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.POLICY, policyNo, "data.policyNo"));
    }
}
