package cn.shanghai.techfinance.contracts.bank;

import java.util.List;

/** {@code loan.rejected.v1}: the bank declines an application. */
public record LoanRejected(String applicationNo, String reason) implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.APPLICATION, applicationNo, "data.applicationNo"));
    }
}
