package cn.shanghai.techfinance.contracts.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code loan.overdue.v1}: a payment was missed; an overdue contract never earns an LYD subsidy. */
public record LoanOverdue(String contractNo, LocalDate dueOn, BigDecimal overdueAmount)
        implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.CONTRACT, contractNo, "data.contractNo"));
    }
}
