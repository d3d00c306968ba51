package cn.shanghai.techfinance.contracts.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code techpolicy.premium-paid.v1}: the firm paid (an instalment of) a tech-insurance policy's premium. */
public record TechPremiumPaid(String policyNo, BigDecimal amount, LocalDate paidOn) implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.TECH_POLICY, policyNo, "data.policyNo"));
    }
}
