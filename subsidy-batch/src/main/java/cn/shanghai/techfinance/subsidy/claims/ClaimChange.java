package cn.shanghai.techfinance.subsidy.claims;

import java.util.Objects;

/** One claim before and after a transition; {@code after} is the next version of {@code before}. */
public record ClaimChange(ClaimRecord before, ClaimRecord after) {

    public ClaimChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (!before.claimId().equals(after.claimId()) || after.version() != before.version() + 1) {
            throw new IllegalArgumentException("not the next version of claim " + before.claimId());
        }
    }
}
