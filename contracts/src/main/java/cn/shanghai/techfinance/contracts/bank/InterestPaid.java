package cn.shanghai.techfinance.contracts.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code interest.paid.v1}: one interest instalment paid; one HKZD claim each. */
public record InterestPaid(
        String contractNo,
        int installmentNo,
        LocalDate periodStart,
        LocalDate periodEnd,
        BigDecimal interestAmount,
        LocalDate dueOn,
        LocalDate paidOn) implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.CONTRACT, contractNo, "data.contractNo"));
    }

    @Override
    public void checkConsistency(List<Violation> out) {
        if (periodEnd.isBefore(periodStart)) {
            out.add(new Violation("data.periodEnd", RejectionCode.INCONSISTENT, "periodEnd is before periodStart"));
        }
    }
}
