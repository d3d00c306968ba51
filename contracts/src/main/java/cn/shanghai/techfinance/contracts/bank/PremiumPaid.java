package cn.shanghai.techfinance.contracts.bank;

import cn.shanghai.techfinance.contracts.bank.Field.Money;
import cn.shanghai.techfinance.contracts.bank.Field.Text;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code premium.paid.v1}: the firm paid (part of) a policy's premium: the LYD subsidy base. */
public record PremiumPaid(@Text String policyNo, @Money BigDecimal amount, LocalDate paidOn) implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.POLICY, policyNo, "data.policyNo"));
    }
}
