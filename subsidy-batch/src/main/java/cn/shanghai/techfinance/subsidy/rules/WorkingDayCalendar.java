package cn.shanghai.techfinance.subsidy.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * The Shanghai working-day calendar: weekdays, less public holidays, plus the official make-up
 * working days (调休) that fall on weekends. Both sets come from the yearly State Council notice.
 */
public record WorkingDayCalendar(Set<LocalDate> publicHolidays, Set<LocalDate> makeUpWorkingDays) {

    public WorkingDayCalendar {
        publicHolidays = Set.copyOf(publicHolidays);
        makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
        if (publicHolidays.stream().anyMatch(makeUpWorkingDays::contains)) {
            throw new IllegalArgumentException("a day cannot be both a public holiday and a make-up working day");
        }
    }

    public boolean isWorkingDay(LocalDate date) {
        if (makeUpWorkingDays.contains(date)) {
            return true;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !publicHolidays.contains(date);
    }
}
