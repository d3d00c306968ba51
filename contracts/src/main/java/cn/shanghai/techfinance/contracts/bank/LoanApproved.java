package cn.shanghai.techfinance.contracts.bank;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** {@code loan.approved.v1}: the bank approves (批复) an application; may be drawn in tranches. */
public record LoanApproved(String applicationNo, String approvalNo, BigDecimal approvedAmount)
        implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.APPLICATION, applicationNo, "data.applicationNo"));
    }

    @Override
    public Optional<Reference> creates() {
        return Optional.of(new Reference(Reference.Kind.APPROVAL, approvalNo, "data.approvalNo"));
    }
}
