package cn.shanghai.techfinance.subsidy.rules;

import java.util.List;
import java.util.Optional;

/**
 * The policies' decisions folded into the reasons a claim carries: every rejection when there is
 * one (the claim is INELIGIBLE and its notes do not matter), otherwise the notes.
 */
public record EligibilityVerdict(List<ReasonCode> rejections, List<ReasonCode> notes) {

    public EligibilityVerdict {
        rejections = ReasonCode.inDocumentOrder(rejections);
        notes = ReasonCode.inDocumentOrder(notes);
    }

    public static <C> EligibilityVerdict of(List<ClaimPolicy<C>> policies, C claim, RuleParameters parameters) {
        List<Decision> decisions = policies.stream().map(policy -> policy.decide(claim, parameters)).toList();
        return new EligibilityVerdict(
                decisions.stream()
                        .filter(Decision.Rejection.class::isInstance)
                        .map(decision -> ((Decision.Rejection) decision).reason())
                        .toList(),
                decisions.stream()
                        .filter(Decision.Allowance.class::isInstance)
                        .map(decision -> ((Decision.Allowance) decision).note())
                        .flatMap(Optional::stream)
                        .toList());
    }

    public boolean eligible() {
        return rejections.isEmpty();
    }

    /** The reasons the claim records: its rejections if ineligible, else its notes. */
    public List<ReasonCode> reasons() {
        return eligible() ? notes : rejections;
    }
}
