package cn.shanghai.techfinance.subsidy.rules.techinsurance;

import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimState;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A cancelled tech-insurance policy (subsidy-rules.md §4a, as §3): its claim not yet paid is
 * CANCELLED (its notes kept, POLICY_CANCELLED added); a paid claim is due back whole (CLAWBACK_DUE).
 * The policy is the claim unit, so the cancellation's date against the trigger does not matter.
 */
public final class TechPolicyCancellation {

    private static final Set<ClaimStatus> UNPAID = EnumSet.of(ClaimStatus.COMPUTED, ClaimStatus.PUBLISHED, ClaimStatus.CONFIRMED);

    /** The claim's next state, or empty for a claim ineligible, forfeited, cancelled, due back or recovered. */
    public Optional<ClaimState> apply(ClaimState claim) {
        if (!(claim.key() instanceof ClaimKey.TechInsurance)) {
            return Optional.empty();
        }
        if (UNPAID.contains(claim.status())) {
            return Optional.of(new ClaimState(claim.key(), ClaimStatus.CANCELLED,
                    Stream.concat(claim.reasons().stream(), Stream.of(ReasonCode.POLICY_CANCELLED)).toList()));
        }
        if (claim.status() == ClaimStatus.PAID) {
            return Optional.of(new ClaimState(claim.key(), ClaimStatus.CLAWBACK_DUE, claim.reasons()));
        }
        return Optional.empty();
    }
}
