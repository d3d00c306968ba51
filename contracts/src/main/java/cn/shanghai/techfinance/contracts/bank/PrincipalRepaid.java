package cn.shanghai.techfinance.contracts.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code principal.repaid.v1}: a principal repayment. */
public record PrincipalRepaid(String contractNo, BigDecimal amount, LocalDate dueOn, LocalDate paidOn)
        implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.CONTRACT, contractNo, "data.contractNo"));
    }
}
