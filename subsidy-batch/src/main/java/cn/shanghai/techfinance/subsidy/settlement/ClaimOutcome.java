package cn.shanghai.techfinance.subsidy.settlement;

/** What became of a claim in a settlement (settlement_claim.outcome); none while the settlement is open for it. */
public enum ClaimOutcome {
    /** Its instruction was reconciled as paid. */
    PAID,
    /** Its instruction failed or was missing from the bank's results: the claim went back to CONFIRMED. */
    FAILED,
    /** No longer CONFIRMED when the settlement was approved (cancelled meanwhile): not paid by it. */
    LEFT_OUT
}
