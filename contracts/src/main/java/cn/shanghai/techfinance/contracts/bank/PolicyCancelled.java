package cn.shanghai.techfinance.contracts.bank;

import java.time.LocalDate;
import java.util.List;

/** {@code policy.cancelled.v1}: after payment of its claim this turns into a clawback. */
public record PolicyCancelled(String policyNo, LocalDate cancelledOn) implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.POLICY, policyNo, "data.policyNo"));
    }
}
