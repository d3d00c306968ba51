package cn.shanghai.techfinance.subsidy.rules;

import java.util.Objects;
import java.util.Optional;

/** What one policy says about a claim: an allowance (准予), possibly with a note, or a rejection (驳回). */
public sealed interface Decision {

    Decision ALLOWED = new Allowance(Optional.empty());

    static Decision allowedWithNote(ReasonCode note) {
        return new Allowance(Optional.of(note));
    }

    static Decision rejected(ReasonCode reason) {
        return new Rejection(reason);
    }

    record Allowance(Optional<ReasonCode> note) implements Decision {
        public Allowance {
            Objects.requireNonNull(note, "note");
            if (note.filter(ReasonCode::rejection).isPresent()) {
                throw new IllegalArgumentException(note.get() + " is a rejection, not a note");
            }
        }
    }

    record Rejection(ReasonCode reason) implements Decision {
        public Rejection {
            if (!reason.rejection()) {
                throw new IllegalArgumentException(reason + " is a note, not a rejection");
            }
        }
    }
}
