package cn.shanghai.techfinance.contracts.bank;

import cn.shanghai.techfinance.contracts.bank.Field.Money;
import cn.shanghai.techfinance.contracts.bank.Field.Text;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code loan.defaulted.v1}: the loan defaulted; unpaid claims on it are cancelled. */
public record LoanDefaulted(
        @Text String contractNo,
        LocalDate defaultedOn,
        @Money BigDecimal outstandingPrincipal,
        @Money BigDecimal outstandingInterest) implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.CONTRACT, contractNo, "data.contractNo"));
    }
}
