package cn.shanghai.techfinance.contracts.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * {@code techpolicy.issued.v1}: an insurer's tech-insurance policy (科技保险), sent by the insurer
 * itself; carries the firm as the insurer knew it. {@code startOn} and {@code endOn} are the cover's
 * first and last day.
 */
public record TechPolicyIssued(
        String policyNo,
        TechPolicyLine line,
        Firm firm,
        BigDecimal insuredAmount,
        BigDecimal premium,
        LocalDate startOn,
        LocalDate endOn) implements EventData {

    @Override
    public Optional<Reference> creates() {
        return Optional.of(new Reference(Reference.Kind.TECH_POLICY, policyNo, "data.policyNo"));
    }

    @Override
    public void checkConsistency(List<Violation> out) {
        if (endOn.isBefore(startOn)) {
            out.add(new Violation("data.endOn", RejectionCode.INCONSISTENT, "endOn is before startOn"));
        }
        for (int i = 0; i < firm.qualifications().size(); i++) {
            firm.qualifications().get(i).checkConsistency("data.firm.qualifications[" + i + "]", out);
        }
    }
}
