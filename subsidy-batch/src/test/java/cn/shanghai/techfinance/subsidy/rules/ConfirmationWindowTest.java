package cn.shanghai.techfinance.subsidy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConfirmationWindowTest {

    /** 2025 National Day and Mid-Autumn: 10-01..10-08 off, Sunday 09-28 and Saturday 10-11 worked (调休). */
    private static final WorkingDayCalendar SHANGHAI_2025 = new WorkingDayCalendar(Set.of(2025),
            Stream.iterate(LocalDate.of(2025, 10, 1), day -> day.plusDays(1)).limit(8).collect(Collectors.toSet()),
            Set.of(LocalDate.of(2025, 9, 28), LocalDate.of(2025, 10, 11)));

    private final RuleParameters parameters = RuleParametersFixture.documentDefaults();

    @Test
    void theWindowIsThreeWorkingDaysAfterThePublicationDate() {
        // published Monday 2025-09-15: Tue, Wed, Thu
        assertThat(ConfirmationWindow.lastDay(LocalDate.of(2025, 9, 15), SHANGHAI_2025, parameters))
                .isEqualTo(LocalDate.of(2025, 9, 18));
    }

    @Test
    void weekendsDoNotCountButMakeUpWorkingDaysDo() {
        // published Friday 2025-09-26: Sunday 09-28 is worked, then Mon 09-29, Tue 09-30
        assertThat(ConfirmationWindow.lastDay(LocalDate.of(2025, 9, 26), SHANGHAI_2025, parameters))
                .isEqualTo(LocalDate.of(2025, 9, 30));
    }

    @Test
    void publicHolidaysDoNotCount() {
        // published 2025-09-30: 10-01..10-08 off, then Thu 10-09, Fri 10-10, Saturday 10-11 (worked)
        assertThat(ConfirmationWindow.lastDay(LocalDate.of(2025, 9, 30), SHANGHAI_2025, parameters))
                .isEqualTo(LocalDate.of(2025, 10, 11));
    }

    @Test
    void anUnconfirmedClaimIsForfeitedTheDayAfterItsLastDay() {
        LocalDate published = LocalDate.of(2025, 9, 15);

        assertThat(ConfirmationWindow.isForfeited(published, LocalDate.of(2025, 9, 18), SHANGHAI_2025, parameters)).isFalse();
        assertThat(ConfirmationWindow.isForfeited(published, LocalDate.of(2025, 9, 19), SHANGHAI_2025, parameters)).isTrue();
    }

    @Test
    void theNumberOfWorkingDaysIsRuleData() {
        RuleParameters fiveDays = RuleParametersFixture.fromDocumentDefaults().confirmationWorkingDays(5).build();

        assertThat(ConfirmationWindow.lastDay(LocalDate.of(2025, 9, 15), SHANGHAI_2025, fiveDays))
                .isEqualTo(LocalDate.of(2025, 9, 22));
    }

    @Test
    void aDayCannotBeBothHolidayAndMakeUpWorkingDay() {
        LocalDate day = LocalDate.of(2025, 10, 1);

        assertThatThrownBy(() -> new WorkingDayCalendar(Set.of(2025), Set.of(day), Set.of(day)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeadlineReachingIntoAYearNotLoadedIsRefusedNotGuessed() {
        // published Wed 2025-12-31: the deadline would fall in 2026, which this calendar does not know
        assertThatThrownBy(() -> ConfirmationWindow.lastDay(LocalDate.of(2025, 12, 31), SHANGHAI_2025, parameters))
                .isInstanceOf(CalendarYearNotLoaded.class)
                .hasMessageContaining("2026").hasMessageContaining("PUT /api/v1/calendar/2026");
    }

    @Test
    void aCalendarHoldsOnlyDaysOfItsYears() {
        assertThatThrownBy(() -> new WorkingDayCalendar(Set.of(2025), Set.of(LocalDate.of(2026, 1, 1)), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
