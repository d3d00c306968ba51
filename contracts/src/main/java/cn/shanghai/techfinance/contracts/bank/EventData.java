package cn.shanghai.techfinance.contracts.bank;

import java.util.List;
import java.util.Optional;

/** The {@code data} of an inbound event; one record per event type of contract v1. */
public sealed interface EventData permits LoanApplied, LoanApproved, LoanRejected, LoanDisbursed,
        PolicyIssued, PremiumPaid, PolicyCancelled, InterestPaid, PrincipalRepaid, LoanOverdue,
        LoanSettled, LoanDefaulted, FirmDishonestyListed, FirmDishonestyCleared, TechPolicyIssued, TechPremiumPaid,
        TechPolicyCancelled {

    /** The documents this event refers to and cannot be applied without. */
    default List<Reference> parents() {
        return List.of();
    }

    /** The document this event creates, which later events may refer to. */
    default Optional<Reference> creates() {
        return Optional.empty();
    }

    /** Rules across fields that the field kinds alone cannot express; adds to {@code out}. */
    default void checkConsistency(List<Violation> out) {
    }
}
