package cn.shanghai.techfinance.subsidy.rules;

import java.util.List;
import java.util.Objects;

/** A stored claim's key, lifecycle status and reasons, as status transitions need them. */
public record ClaimState(ClaimKey key, ClaimStatus status, List<ReasonCode> reasons) {

    public ClaimState {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        reasons = ReasonCode.inDocumentOrder(reasons);
    }
}
