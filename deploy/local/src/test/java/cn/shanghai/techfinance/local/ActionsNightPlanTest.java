package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The nights around the actions: before an action on D those up to D − 1, by the replay's sparse
 * rule (first business date, month ends, the last day), never one twice.
 */
class ActionsNightPlanTest {

    private static final LocalDate FIRST = LocalDate.of(2025, 6, 20);

    @Test
    void beforeTheFirstActionTheNightsUpToItsEveAfterwardOnlyWhatIsNew() {
        NightPlan plan = new NightPlan(FIRST);
        List<LocalDate> beforePublication = plan.through(date("2026-03-31"));
        List<LocalDate> expected = new ArrayList<>(List.of(FIRST));
        for (LocalDate monthEnd = date("2025-06-30"); monthEnd.isBefore(date("2026-03-31"));
             monthEnd = monthEnd.plusMonths(1).withDayOfMonth(monthEnd.plusMonths(1).lengthOfMonth())) {
            expected.add(monthEnd);
        }
        expected.add(date("2026-03-31"));
        assertThat(beforePublication).containsExactlyElementsOf(expected).contains(date("2026-02-28"));

        assertThat(plan.through(date("2026-04-02"))).containsExactly(date("2026-04-02")); // a confirmation on 04-03
        assertThat(plan.through(date("2026-04-02"))).isEmpty(); // a second action that day
        assertThat(plan.through(date("2026-04-09"))).containsExactly(date("2026-04-09"));
        // across a month end: the month end too
        assertThat(plan.through(date("2026-05-05"))).containsExactly(date("2026-04-30"), date("2026-05-05"));
        // at the end, up to --through
        assertThat(plan.through(date("2026-12-31"))).containsExactly(date("2026-05-31"), date("2026-06-30"), date("2026-07-31"),
                date("2026-08-31"), date("2026-09-30"), date("2026-10-31"), date("2026-11-30"), date("2026-12-31"));
    }

    @Test
    void withoutActionsThePlanIsTheReplaysRule() {
        assertThat(new NightPlan(FIRST).through(date("2026-12-31"))).containsExactlyElementsOf(EventsReplay.nightsToRun(FIRST, date("2026-12-31")));
    }

    @Test
    void anActionBeforeTheFirstEventRunsItsEveThenTheRuleGoesOn() {
        NightPlan plan = new NightPlan(FIRST);
        assertThat(plan.through(date("2025-01-01"))).containsExactly(date("2025-01-01"));
        assertThat(plan.through(date("2025-07-15"))).containsExactly(FIRST, date("2025-06-30"), date("2025-07-15"));
    }

    @Test
    void eventsWithoutABusinessDateRunOnlyTheDaysAsked() {
        NightPlan plan = new NightPlan(null);
        assertThat(plan.through(date("2026-04-02"))).containsExactly(date("2026-04-02"));
        assertThat(plan.through(date("2026-04-30"))).containsExactly(date("2026-04-30"));
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }
}
