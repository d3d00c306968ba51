package cn.shanghai.techfinance.contracts.bank;

import java.util.List;

/** What {@link BankEventCodec#decode} made of one record: a valid event, or a rejection. */
public sealed interface DecodeResult {

    /** A record that conforms to the contract. */
    record Decoded(BankEvent event) implements DecodeResult {
    }

    /**
     * A record that does not. {@code id}, {@code source} and {@code type} are what could be read of
     * the envelope (null where unreadable), so the sender can still be told which event failed.
     */
    record Rejected(String id, String source, String type, List<Violation> violations) implements DecodeResult {

        public Rejected {
            violations = List.copyOf(violations);
        }

        /** Without a readable id the record cannot be told apart from others: it goes to the dead letters. */
        public boolean identifiable() {
            return id != null;
        }
    }
}
