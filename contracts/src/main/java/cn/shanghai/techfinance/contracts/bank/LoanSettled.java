package cn.shanghai.techfinance.contracts.bank;

import java.time.LocalDate;
import java.util.List;

/** {@code loan.settled.v1}: the contract is repaid in full (结清). */
public record LoanSettled(String contractNo, LocalDate settledOn) implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.CONTRACT, contractNo, "data.contractNo"));
    }
}
