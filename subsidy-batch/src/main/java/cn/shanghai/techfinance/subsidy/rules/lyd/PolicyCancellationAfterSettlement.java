package cn.shanghai.techfinance.subsidy.rules.lyd;

import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimState;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A policy of an approval cancelled after the loan's settlement date (subsidy-rules.md §3): the
 * claim not yet paid is CANCELLED (its notes kept, POLICY_CANCELLED added); a paid claim is due back
 * whole (CLAWBACK_DUE). A cancellation on or before the settlement date changes nothing here: the
 * premium of that policy never counted in the claim's base.
 */
public final class PolicyCancellationAfterSettlement {

    private static final Set<ClaimStatus> UNPAID = EnumSet.of(ClaimStatus.COMPUTED, ClaimStatus.PUBLISHED, ClaimStatus.CONFIRMED);

    /**
     * The claim's next state, or empty when the cancellation does not change it (on or before the
     * settlement date; or a claim ineligible, forfeited, cancelled, already due back or recovered).
     */
    public Optional<ClaimState> apply(ClaimState claim, LocalDate settlementDate, LocalDate cancelledOn) {
        if (!(claim.key() instanceof ClaimKey.Lyd) || !cancelledOn.isAfter(settlementDate)) {
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
