package cn.shanghai.techfinance.subsidy.lifecycle;

import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.UnconfirmedForfeiture;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * An automatic transition not yet applied, with the date it takes effect (subsidy-rules.md §5). A
 * night applies them in {@link #ORDER}: by effective date, and on one date forfeitures before
 * cancellations, so that sparse nights end as one night per date would.
 */
public sealed interface PendingTransition {

    /** Forfeitures before cancellations on one date; then a stable order, so every run applies them alike. */
    Comparator<PendingTransition> ORDER = Comparator.comparing(PendingTransition::effectiveOn)
            .thenComparing(PendingTransition::kind)
            .thenComparing(PendingTransition::key);

    enum Kind {
        FORFEIT, CANCEL
    }

    LocalDate effectiveOn();

    Kind kind();

    /** What the transition is about, for the order within a date and kind. */
    String key();

    /** A PUBLISHED claim not confirmed by {@code confirmBy}: FORFEITED the day after. */
    record Forfeiture(String claimId, LocalDate confirmBy) implements PendingTransition {

        @Override
        public LocalDate effectiveOn() {
            return UnconfirmedForfeiture.effectiveOn(confirmBy);
        }

        @Override
        public Kind kind() {
            return Kind.FORFEIT;
        }

        @Override
        public String key() {
            return "F:" + claimId;
        }
    }

    /** A defaulted HKZD contract: its unpaid claims are CANCELLED on the default date. */
    record LoanDefault(String bankCode, String contractNo, LocalDate defaultedOn) implements PendingTransition {

        @Override
        public LocalDate effectiveOn() {
            return defaultedOn;
        }

        @Override
        public Kind kind() {
            return Kind.CANCEL;
        }

        @Override
        public String key() {
            return "D:" + bankCode + ":" + contractNo;
        }
    }

    /**
     * A cancelled policy whose claim exists: on an LYD approval, judged against the claim's settlement
     * date; a 科技保险 policy (TECH_INSURANCE: insurer code in bankCode, approvalNo its policyNo), by
     * whether its claim is paid.
     */
    record PolicyCancellation(Program program, String bankCode, String policyNo, String approvalNo, LocalDate cancelledOn)
            implements PendingTransition {

        @Override
        public LocalDate effectiveOn() {
            return cancelledOn;
        }

        @Override
        public Kind kind() {
            return Kind.CANCEL;
        }

        @Override
        public String key() {
            return "P:" + bankCode + ":" + policyNo;
        }
    }
}
