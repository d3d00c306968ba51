package cn.shanghai.techfinance.contracts.bank;

import java.time.LocalDate;
import java.util.List;

/** {@code techpolicy.cancelled.v1}: a tech-insurance policy is cancelled (退保); after payment of its claim, a clawback. */
public record TechPolicyCancelled(String policyNo, LocalDate cancelledOn) implements EventData {

    @Override
    public List<Reference> parents() {
        return List.of(new Reference(Reference.Kind.TECH_POLICY, policyNo, "data.policyNo"));
    }
}
