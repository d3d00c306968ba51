package cn.shanghai.techfinance.subsidy.publication;

/** A firm's confirmation that its claim's state or deadline does not allow; the claim is unchanged. */
public class ConfirmationRefused extends RuntimeException {

    /** Why: the claim is not (or no longer) on a published list, or its deadline has passed. */
    public enum Why {
        NOT_PUBLISHED,
        TOO_LATE
    }

    private final Why why;

    public ConfirmationRefused(Why why, String message) {
        super(message);
        this.why = why;
    }

    /** For a page that says it in the reader's language rather than the message's English. */
    public Why why() {
        return why;
    }
}
