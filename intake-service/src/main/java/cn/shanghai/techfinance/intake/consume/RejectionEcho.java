package cn.shanghai.techfinance.intake.consume;

import cn.shanghai.techfinance.contracts.bank.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds on what a rejection repeats of the sender's input. The codec echoes raw values in its
 * violations ({@code unknown event type <type>}, {@code was "<value>"}, unknown field names) and in
 * the type of an event it could not read, and a record may be up to a megabyte: unbounded, such an
 * echo overflows the ledger's columns ({@code event_type VARCHAR(48)}, {@code violations TEXT}) and
 * the batch fails on every retry, which stops the consumer for every bank, or makes an outcome
 * record too large for Kafka. Cut to these bounds, the worst case (21 violations of 100 + 300
 * characters, each escaped to 6 bytes in JSON) stays under 40 KB, well inside {@code TEXT}'s 64 KB.
 */
final class RejectionEcho {

    /** {@code intake_event.event_type}; every type of the contract is far shorter. */
    static final int TYPE = 48;
    /** {@code intake_dead_letter.record_key}. */
    static final int RECORD_KEY = 128;
    static final int FIELD = 100;
    static final int MESSAGE = 300;
    /** An event with more problems than this is told about the first ones and how many more there are. */
    static final int VIOLATIONS = 20;

    private RejectionEcho() {
    }

    /** {@code text} cut to {@code max} characters (code points), the cut marked with an ellipsis. */
    static String text(String text, int max) {
        if (text == null || text.length() <= max || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** The violations with fields and messages cut, and at most {@link #VIOLATIONS} listed plus a count of the rest. */
    static List<Violation> violations(List<Violation> violations) {
        List<Violation> bounded = new ArrayList<>(Math.min(violations.size(), VIOLATIONS + 1));
        for (int i = 0; i < Math.min(violations.size(), VIOLATIONS); i++) {
            Violation v = violations.get(i);
            bounded.add(new Violation(text(v.field(), FIELD), v.code(), text(v.message(), MESSAGE)));
        }
        if (violations.size() > VIOLATIONS) {
            int more = violations.size() - VIOLATIONS;
            bounded.add(new Violation("$", violations.get(VIOLATIONS).code(),
                    more + " more violation" + (more == 1 ? "" : "s") + " not listed; the first is shown with this code"));
        }
        return bounded;
    }
}
