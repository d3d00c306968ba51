package cn.shanghai.techfinance.contracts.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code loan.defaulted.v1}: the loan defaulted; unpaid claims on it are cancelled. */
public record LoanDefaulted(
        String contractNo,
        LocalDate defaultedOn,
        BigDecimal outstandingPrincipal,
        BigDecimal outstandingInterest) implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.CONTRACT, contractNo, "data.contractNo"));
    }
}
