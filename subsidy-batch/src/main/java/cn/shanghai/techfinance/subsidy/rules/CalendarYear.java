package cn.shanghai.techfinance.subsidy.rules;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Collections;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * One year of the working-day calendar, as the State Council's notice gives it: the holidays (days
 * off that would otherwise be working days, so Monday–Friday) and the make-up working days (调休上班,
 * on a Saturday or Sunday). Both in order; a day is in at most one of them.
 */
public record CalendarYear(int year, NavigableSet<LocalDate> holidays, NavigableSet<LocalDate> workdays) {

    public static final String HOLIDAYS = "holidays";
    public static final String WORKDAYS = "workdays";

    public CalendarYear {
        holidays = check(year, HOLIDAYS, holidays);
        workdays = check(year, WORKDAYS, workdays);
        for (LocalDate day : holidays) {
            if (isWeekend(day)) {
                throw new InvalidDay(HOLIDAYS, day, "is a " + dayName(day)
                        + ": a holiday is a day off that would otherwise be a working day (Monday–Friday)");
            }
            if (workdays.contains(day)) {
                throw new InvalidDay(WORKDAYS, day, "is also in 'holidays': a day is either a holiday or a make-up working day");
            }
        }
        for (LocalDate day : workdays) {
            if (!isWeekend(day)) {
                throw new InvalidDay(WORKDAYS, day, "is a " + dayName(day)
                        + ": a make-up working day falls on a Saturday or Sunday");
            }
        }
    }

    public CalendarYear(int year, Set<LocalDate> holidays, Set<LocalDate> workdays) {
        this(year, holidays == null ? null : new TreeSet<>(holidays), workdays == null ? null : new TreeSet<>(workdays));
    }

    static boolean isWeekend(LocalDate date) {
        return WorkingDayCalendar.isWeekend(date.getDayOfWeek());
    }

    private static NavigableSet<LocalDate> check(int year, String list, Set<LocalDate> days) {
        if (days == null) {
            throw new InvalidDay(list, null, "is missing (an empty list when there are none)");
        }
        for (LocalDate day : days) {
            if (day.getYear() != year) {
                throw new InvalidDay(list, day, "is not in " + year);
            }
        }
        return Collections.unmodifiableNavigableSet(new TreeSet<>(days));
    }

    private static String dayName(LocalDate day) {
        return day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** A day that cannot be in this list of the year: the message names the list and the day. */
    public static class InvalidDay extends IllegalArgumentException {

        public InvalidDay(String list, LocalDate day, String reason) {
            super("'" + list + "'" + (day == null ? "" : ": " + day) + " " + reason);
        }
    }
}
