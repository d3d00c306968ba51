package cn.shanghai.techfinance.subsidy.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The Shanghai working-day calendar: weekdays, less public holidays, plus the official make-up
 * working days (调休) that fall on weekends. Both sets come from the yearly State Council notice, so
 * the calendar knows only the years it was given: asking about a day of any other year is refused
 * ({@link CalendarYearNotLoaded}), never guessed.
 */
public record WorkingDayCalendar(Set<Integer> years, Set<LocalDate> publicHolidays, Set<LocalDate> makeUpWorkingDays) {

    public WorkingDayCalendar {
        years = Set.copyOf(years);
        publicHolidays = Set.copyOf(publicHolidays);
        makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
        if (publicHolidays.stream().anyMatch(makeUpWorkingDays::contains)) {
            throw new IllegalArgumentException("a day cannot be both a public holiday and a make-up working day");
        }
        Set<Integer> known = years;
        if (publicHolidays.stream().anyMatch(day -> !known.contains(day.getYear()))
                || makeUpWorkingDays.stream().anyMatch(day -> !known.contains(day.getYear()))) {
            throw new IllegalArgumentException("a special day lies outside the calendar's years " + years);
        }
    }

    /** The calendar of these loaded years together. */
    public static WorkingDayCalendar of(Collection<CalendarYear> loaded) {
        Set<Integer> years = new HashSet<>();
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> workdays = new HashSet<>();
        for (CalendarYear year : loaded) {
            years.add(year.year());
            holidays.addAll(year.holidays());
            workdays.addAll(year.workdays());
        }
        return new WorkingDayCalendar(years, holidays, workdays);
    }

    public boolean covers(LocalDate date) {
        return years.contains(date.getYear());
    }

    /** Whether the date is a working day; refused for a date of a year this calendar was not given. */
    public boolean isWorkingDay(LocalDate date) {
        if (!covers(date)) {
            throw new CalendarYearNotLoaded(date.getYear());
        }
        if (makeUpWorkingDays.contains(date)) {
            return true;
        }
        return !CalendarYear.isWeekend(date) && !publicHolidays.contains(date);
    }

    static boolean isWeekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
