package cn.shanghai.techfinance.subsidy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shanghai.techfinance.subsidy.claims.CalendarStore;
import cn.shanghai.techfinance.subsidy.claims.RuleDataStore;
import cn.shanghai.techfinance.subsidy.rules.CalendarYear;
import cn.shanghai.techfinance.subsidy.rules.CalendarYearNotLoaded;
import cn.shanghai.techfinance.subsidy.rules.ConfirmationWindow;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.WorkingDayCalendar;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The working-day calendar as stored, on the real database: the migration's 2025 and 2026 give the
 * worked examples of working-days.md, a later year counts once loaded and is refused before.
 * Years after 2026 belong to this test while it runs and are removed around it.
 */
class CalendarStoreTest extends EndToEndTest {

    @Autowired
    CalendarStore calendar;

    @Autowired
    RuleDataStore ruleData;

    private RuleParameters parameters;

    @BeforeEach
    @AfterEach
    void onlyTheSeededYears() {
        jdbc.update("DELETE FROM calendar_day WHERE calendar_year > ?", 2026);
        jdbc.update("DELETE FROM calendar_year WHERE calendar_year > ?", 2026);
        parameters = ruleData.versions().forTriggerDate(LocalDate.of(2026, 1, 1)).orElseThrow();
    }

    private LocalDate confirmBy(LocalDate publishedOn) {
        return ConfirmationWindow.lastDay(publishedOn, calendar.from(publishedOn), parameters);
    }

    @Test
    void theSeededCalendarsGiveTheWorkedExamplesOfTheDeadlineRule() {
        assertThat(parameters.confirmationWorkingDays()).isEqualTo(3);
        // 1. an ordinary week
        assertThat(confirmBy(LocalDate.of(2026, 3, 11))).isEqualTo(LocalDate.of(2026, 3, 16));
        // 2. Spring Festival: the make-up Saturday 02-14 counts, 02-15…02-23 do not
        assertThat(confirmBy(LocalDate.of(2026, 2, 12))).isEqualTo(LocalDate.of(2026, 2, 24));
        // 3. National Day 2025: 10-01…10-08 off, Saturday 10-11 worked
        assertThat(confirmBy(LocalDate.of(2025, 9, 30))).isEqualTo(LocalDate.of(2025, 10, 11));
        // 4. published on a holiday Saturday: Sunday 01-04 worked
        assertThat(confirmBy(LocalDate.of(2026, 1, 3))).isEqualTo(LocalDate.of(2026, 1, 6));
        // 5. Labour Day 2026: the make-up Saturday 05-09 comes a day too late
        assertThat(confirmBy(LocalDate.of(2026, 4, 30))).isEqualTo(LocalDate.of(2026, 5, 8));
        // 6. the end of 2026: in time within the year, refused once the deadline falls in 2027
        assertThat(confirmBy(LocalDate.of(2026, 12, 25))).isEqualTo(LocalDate.of(2026, 12, 30));
        assertThatThrownBy(() -> confirmBy(LocalDate.of(2026, 12, 30)))
                .isInstanceOfSatisfying(CalendarYearNotLoaded.class, e -> assertThat(e.year()).isEqualTo(2027))
                .hasMessageContaining("2027").hasMessageContaining("PUT /api/v1/calendar/2027");
        // the change of year 2025 → 2026 counts through both seeded years
        assertThat(confirmBy(LocalDate.of(2025, 12, 30))).isEqualTo(LocalDate.of(2026, 1, 5));
    }

    @Test
    void theSeedHoldsTheNoticesDaysOffOnWeekdaysAndTheMakeUpWorkingDays() {
        CalendarYear y2025 = calendar.year(2025).orElseThrow().calendar();
        CalendarYear y2026 = calendar.year(2026).orElseThrow().calendar();

        assertThat(y2025.holidays()).hasSize(18);
        assertThat(y2025.workdays()).containsExactly(LocalDate.of(2025, 1, 26), LocalDate.of(2025, 2, 8), LocalDate.of(2025, 4, 27),
                LocalDate.of(2025, 9, 28), LocalDate.of(2025, 10, 11));
        assertThat(y2026.holidays()).hasSize(19);
        assertThat(y2026.workdays()).containsExactly(LocalDate.of(2026, 1, 4), LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 28),
                LocalDate.of(2026, 5, 9), LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10));
        WorkingDayCalendar both = calendar.covering(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1));
        // every day of each holiday period of the notices is off, whatever its weekday
        for (String[] period : new String[][] {{"2025-01-01", "2025-01-01"}, {"2025-01-28", "2025-02-04"},
                {"2025-04-04", "2025-04-06"}, {"2025-05-01", "2025-05-05"}, {"2025-05-31", "2025-06-02"},
                {"2025-10-01", "2025-10-08"}, {"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"},
                {"2026-04-04", "2026-04-06"}, {"2026-05-01", "2026-05-05"}, {"2026-06-19", "2026-06-21"},
                {"2026-09-25", "2026-09-27"}, {"2026-10-01", "2026-10-07"}}) {
            for (LocalDate day = LocalDate.parse(period[0]); !day.isAfter(LocalDate.parse(period[1])); day = day.plusDays(1)) {
                assertThat(both.isWorkingDay(day)).as(day.toString()).isFalse();
            }
        }
        assertThat(y2025.workdays()).allMatch(both::isWorkingDay);
        assertThat(y2026.workdays()).allMatch(both::isWorkingDay);
    }

    @Test
    void aYearNotLoadedIsRefusedWithHowToLoadIt() {
        assertThat(calendar.year(2027)).isEmpty();
        assertThatThrownBy(() -> calendar.covering(LocalDate.of(2026, 12, 30), LocalDate.of(2027, 1, 4)))
                .isInstanceOf(CalendarYearNotLoaded.class)
                .hasMessage("the working-day calendar of 2027 is not loaded: an officer loads it with PUT /api/v1/calendar/2027"
                        + " (its holidays and make-up working days from the State Council's notice)");
        assertThatThrownBy(() -> calendar.from(LocalDate.of(2027, 3, 1))).isInstanceOf(CalendarYearNotLoaded.class);
    }

    @Test
    void aLoadedYearCountsAndALaterLoadReplacesItWhole() {
        calendar.replace(new CalendarYear(2027, Set.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 4)), Set.of()), "officer-a");
        // published Wed 2026-12-30 → Thu 12-31, then 01-01 and 01-04 off, Tue 01-05, Wed 01-06
        assertThat(confirmBy(LocalDate.of(2026, 12, 30))).isEqualTo(LocalDate.of(2027, 1, 6));

        calendar.replace(new CalendarYear(2027, Set.of(LocalDate.of(2027, 1, 1)), Set.of(LocalDate.of(2027, 1, 2))), "officer-b");
        var stored = calendar.year(2027).orElseThrow();
        assertThat(stored.calendar().holidays()).containsExactly(LocalDate.of(2027, 1, 1));
        assertThat(stored.calendar().workdays()).containsExactly(LocalDate.of(2027, 1, 2));
        assertThat(stored.loadedBy()).isEqualTo("officer-b");
        // Thu 12-31, Sat 01-02 worked, Mon 01-04
        assertThat(confirmBy(LocalDate.of(2026, 12, 30))).isEqualTo(LocalDate.of(2027, 1, 4));
    }
}
