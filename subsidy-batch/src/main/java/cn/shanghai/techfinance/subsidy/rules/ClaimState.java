package cn.shanghai.techfinance.subsidy.rules;

import java.util.List;
import java.util.Objects;

/**
 * A stored claim's key, lifecycle status and reasons, as status transitions need them. The reasons
 * keep the order they are given in: a CANCELLED claim "keeps its notes and adds LOAN_DEFAULTED"
 * (subsidy-rules.md §5), so the code it gains comes after the notes it had.
 */
public record ClaimState(ClaimKey key, ClaimStatus status, List<ReasonCode> reasons) {

    public ClaimState {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
    }
}
