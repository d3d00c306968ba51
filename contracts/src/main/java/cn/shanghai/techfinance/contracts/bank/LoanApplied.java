package cn.shanghai.techfinance.contracts.bank;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** {@code loan.applied.v1}: a firm applies; carries the firm snapshot. */
public record LoanApplied(
        String applicationNo,
        Program program,
        /* 首贷 */ boolean firstLoan,
        /* 信用贷 */ boolean creditLoan,
        BigDecimal requestedAmount,
        int termMonths,
        Firm firm) implements EventData {

    @Override
    public Optional<Reference> creates() {
        return Optional.of(new Reference(Reference.Kind.APPLICATION, applicationNo, "data.applicationNo"));
    }

    @Override
    public void checkConsistency(List<Violation> out) {
        for (int i = 0; i < firm.qualifications().size(); i++) {
            firm.qualifications().get(i).checkConsistency("data.firm.qualifications[" + i + "]", out);
        }
    }
}
