package cn.shanghai.techfinance.subsidy.settlement;

/** A settlement run's state: its job builds the payment instructions, then maker–checker, then the bank's results. */
public enum SettlementState {
    /** Its claims are reserved (budget and open settlement); the preparation job is building the instructions. */
    PREPARING,
    /** Instructions built, waiting for a second person's approval. */
    PREPARED,
    /** Approved: its claims are PAID, its payment file may go to the bank. */
    APPROVED,
    /** The bank's payment results are in: every instruction is PAID or FAILED. */
    RECONCILED
}
