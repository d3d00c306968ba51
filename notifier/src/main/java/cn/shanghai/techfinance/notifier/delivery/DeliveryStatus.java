package cn.shanghai.techfinance.notifier.delivery;

/** Where a delivery stands in the ledger. */
public enum DeliveryStatus {
    /** Waiting for the dispatcher (or being dispatched, under a lease). */
    PENDING,
    /** Accepted by the recipient's side; never sent again. */
    DELIVERED,
    /** Retry budget spent, or refused for good: an officer may redeliver it. */
    PARKED,
    /** The recipient has no address registered; registering one resumes it. */
    NO_CONTACT
}
