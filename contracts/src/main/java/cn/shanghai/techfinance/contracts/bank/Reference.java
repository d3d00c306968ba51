package cn.shanghai.techfinance.contracts.bank;

/**
 * A reference from an event to a document it depends on, by number (unique within the bank or insurer);
 * {@code field} is where the event names it, for a rejection that points at it.
 */
public record Reference(Kind kind, String number, String field) {

    /** The documents events refer to, each created by one event type; TECH_POLICY is an insurer's own (科技保险). */
    public enum Kind {
        APPLICATION, APPROVAL, CONTRACT, POLICY, TECH_POLICY
    }
}
