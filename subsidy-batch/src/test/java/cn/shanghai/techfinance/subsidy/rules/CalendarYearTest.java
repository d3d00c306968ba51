package cn.shanghai.techfinance.subsidy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalendarYearTest {

    private static final LocalDate NEW_YEAR = LocalDate.of(2027, 1, 1); // Friday
    private static final LocalDate SATURDAY = LocalDate.of(2027, 2, 6);

    @Test
    void aYearKeepsItsDaysInOrder() {
        CalendarYear year = new CalendarYear(2027, Set.of(LocalDate.of(2027, 10, 1), NEW_YEAR), Set.of(SATURDAY));

        assertThat(List.copyOf(year.holidays())).containsExactly(NEW_YEAR, LocalDate.of(2027, 10, 1));
        assertThat(year.workdays()).containsExactly(SATURDAY);
    }

    @Test
    void eachWrongDayIsNamedWithItsListAndWhatIsWrong() {
        assertThatThrownBy(() -> new CalendarYear(2027, Set.of(LocalDate.of(2026, 12, 31)), Set.of()))
                .isInstanceOf(CalendarYear.InvalidDay.class).hasMessage("'holidays': 2026-12-31 is not in 2027");
        assertThatThrownBy(() -> new CalendarYear(2027, Set.of(), Set.of(LocalDate.of(2028, 1, 1))))
                .hasMessage("'workdays': 2028-01-01 is not in 2027");
        assertThatThrownBy(() -> new CalendarYear(2027, Set.of(SATURDAY), Set.of()))
                .hasMessageStartingWith("'holidays': 2027-02-06 is a Saturday");
        assertThatThrownBy(() -> new CalendarYear(2027, Set.of(), Set.of(NEW_YEAR)))
                .hasMessageStartingWith("'workdays': 2027-01-01 is a Friday");
        assertThatThrownBy(() -> new CalendarYear(2027, Set.of(NEW_YEAR), Set.of(NEW_YEAR)))
                .hasMessageStartingWith("'workdays': 2027-01-01 is also in 'holidays'");
        assertThatThrownBy(() -> new CalendarYear(2027, null, Set.of()))
                .hasMessageStartingWith("'holidays' is missing");
    }

    @Test
    void theCalendarOfLoadedYearsKnowsOnlyThoseYears() {
        WorkingDayCalendar calendar = WorkingDayCalendar.of(List.of(new CalendarYear(2027, Set.of(NEW_YEAR), Set.of(SATURDAY))));

        assertThat(calendar.isWorkingDay(NEW_YEAR)).isFalse();
        assertThat(calendar.isWorkingDay(SATURDAY)).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 7))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 4))).isTrue();
        assertThatThrownBy(() -> calendar.isWorkingDay(LocalDate.of(2028, 1, 3)))
                .isInstanceOfSatisfying(CalendarYearNotLoaded.class, e -> assertThat(e.year()).isEqualTo(2028));
    }
}
