package cn.shanghai.techfinance.contracts.bank;

import cn.shanghai.techfinance.contracts.bank.Field.Money;
import cn.shanghai.techfinance.contracts.bank.Field.Text;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code principal.repaid.v1}: a principal repayment. */
public record PrincipalRepaid(@Text String contractNo, @Money BigDecimal amount, LocalDate dueOn, LocalDate paidOn)
        implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.CONTRACT, contractNo, "data.contractNo"));
    }
}
