package cn.shanghai.techfinance.local;

import java.time.LocalDate;
import java.util.List;

/**
 * The nights a replay runs, step by step: before an action on date D the nights up to D − 1, at the
 * end those up to {@code --through} — each time by the replay's rule ({@link EventsReplay#nightsToRun}:
 * the first business date, the month ends, the last day), only the nights after the last one run.
 * Sparse nights equal one night per date (every event is in the ledger, and a night applies what is
 * due by its date in date order), so an action sees what one night a day would have left.
 */
final class NightPlan {

    private final LocalDate firstBusinessDate;
    private LocalDate lastRun;

    /** {@code firstBusinessDate}: the events' first; null when none has one. */
    NightPlan(LocalDate firstBusinessDate) {
        this.firstBusinessDate = firstBusinessDate;
    }

    /** The nights still to run so that the night of {@code day} is done, in date order; they count as run from now on. */
    List<LocalDate> through(LocalDate day) {
        List<LocalDate> due = List.copyOf(lastRun == null ? EventsReplay.nightsToRun(firstBusinessDate, day)
                : EventsReplay.nightsToRun(firstBusinessDate, day).tailSet(lastRun, false));
        if (!due.isEmpty()) {
            lastRun = due.get(due.size() - 1);
        }
        return due;
    }
}
