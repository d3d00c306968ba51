package cn.shanghai.techfinance.subsidy.rules;

/** Where a claim is in its lifecycle (subsidy-rules.md §5). */
public enum ClaimStatus {
    /** Eligible, amount computed, not yet published. */
    COMPUTED,
    /** Triggered but not eligible; the reasons say why. */
    INELIGIBLE,
    /** 公示: on a published list, waiting for the firm's confirmation. */
    PUBLISHED,
    /** The firm confirmed within the confirmation window. */
    CONFIRMED,
    /** Not confirmed within the confirmation window. */
    FORFEITED,
    PAID,
    /** LYD: the policy was cancelled after payment; the whole amount is due back. */
    CLAWBACK_DUE,
    RECOVERED,
    /** The loan defaulted before the claim was paid. */
    CANCELLED
}
