package cn.shanghai.techfinance.reliability;

import java.util.List;

/**
 * What one scenario measured against the uninterrupted run of the same events. {@code lost} counts
 * events without an outcome and ledger rows the uninterrupted run has and this one lacks; {@code
 * storedTwice} the rows this one has beyond it; {@code decisionsDiffering} events whose outcome
 * (after de-duplication by event id) is not the uninterrupted run's; the claims' differences are
 * -1 where the scenario runs no night. {@code unmet} names a condition of the scenario's own that did not hold
 * (null: none), such as health showing an outage; {@code abortedBy} says why a scenario could not finish (null: it did).
 */
record ScenarioResult(String key, String title, long eventsIn, long distinctEvents, long stored, long rejected, long duplicatesSent,
                      long outcomesRepeated, long lost, long storedTwice, long decisionsDiffering, long claimsDiffering,
                      double recoverSeconds, double seconds, List<String> notes, String unmet, String abortedBy) {

    /** A scenario that stopped before its comparison: nothing of it is measured. */
    static ScenarioResult aborted(String key, String title, Exception cause) {
        return new ScenarioResult(key, title, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, List.of("aborted: " + cause), null, String.valueOf(cause));
    }

    ScenarioResult unmet(String condition) {
        return new ScenarioResult(key, title, eventsIn, distinctEvents, stored, rejected, duplicatesSent, outcomesRepeated, lost, storedTwice,
                decisionsDiffering, claimsDiffering, recoverSeconds, seconds, notes, condition, abortedBy);
    }

    boolean passed() {
        return abortedBy == null && unmet == null && lost == 0 && storedTwice == 0 && decisionsDiffering == 0 && claimsDiffering <= 0;
    }
}
