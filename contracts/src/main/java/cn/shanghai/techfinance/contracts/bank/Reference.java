package cn.shanghai.techfinance.contracts.bank;

/**
 * A reference from an event to a document it depends on, by number (unique within the bank);
 * {@code field} is where the event names it, for a rejection that points at it.
 */
public record Reference(Kind kind, String number, String field) {

    /** The documents events refer to, each created by one event type. */
    public enum Kind {
        APPLICATION, APPROVAL, CONTRACT, POLICY
    }
}
