package cn.shanghai.techfinance.subsidy.claims;

import cn.shanghai.techfinance.subsidy.rules.CalendarYear;
import cn.shanghai.techfinance.subsidy.rules.CalendarYearNotLoaded;
import cn.shanghai.techfinance.subsidy.rules.WorkingDayCalendar;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The working-day calendar as data ({@code calendar_year}, {@code calendar_day}): 2025 and 2026
 * seeded by migration, later years loaded by an officer. A year not loaded is not known: asking for
 * it throws {@link CalendarYearNotLoaded}, and so does a calendar asked about a day past its years.
 */
@Repository
public class CalendarStore {

    private static final String HOLIDAY = "HOLIDAY";
    private static final String WORKDAY = "WORKDAY";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CalendarStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A loaded year, with who loaded it and when. */
    public record LoadedYear(CalendarYear calendar, Instant loadedAt, String loadedBy) {
    }

    public Optional<LoadedYear> year(int year) {
        List<LoadedYear> found = jdbc.query("SELECT loaded_at, loaded_by FROM calendar_year WHERE calendar_year = ?",
                (rs, n) -> new LoadedYear(days(year), rs.getTimestamp("loaded_at").toInstant(), rs.getString("loaded_by")), year);
        return found.stream().findFirst();
    }

    /** The year's days replace whatever was loaded for it before, all at once. */
    @Transactional
    public LoadedYear replace(CalendarYear year, String loadedBy) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update("UPDATE calendar_year SET loaded_at = ?, loaded_by = ? WHERE calendar_year = ?", now, loadedBy,
                year.year());
        if (updated == 0) {
            jdbc.update("INSERT INTO calendar_year (calendar_year, loaded_at, loaded_by) VALUES (?, ?, ?)", year.year(), now, loadedBy);
        }
        jdbc.update("DELETE FROM calendar_day WHERE calendar_year = ?", year.year());
        List<Object[]> rows = new ArrayList<>();
        year.holidays().forEach(day -> rows.add(new Object[] {year.year(), day, HOLIDAY}));
        year.workdays().forEach(day -> rows.add(new Object[] {year.year(), day, WORKDAY}));
        jdbc.batchUpdate("INSERT INTO calendar_day (calendar_year, day, kind) VALUES (?, ?, ?)", rows);
        return year(year.year()).orElseThrow();
    }

    /** The calendar of exactly the years of these dates; throws for the first one not loaded. */
    public WorkingDayCalendar covering(LocalDate... dates) {
        Set<Integer> years = new TreeSet<>();
        for (LocalDate date : dates) {
            years.add(date.getYear());
        }
        List<CalendarYear> loaded = new ArrayList<>();
        for (int year : years) {
            loaded.add(year(year).orElseThrow(() -> new CalendarYearNotLoaded(year)).calendar());
        }
        return WorkingDayCalendar.of(loaded);
    }

    /**
     * The calendar from the year of this date on, through every following year loaded without a gap:
     * what a deadline counted forward from the date needs. It throws when the date's own year is not
     * loaded, and the calendar throws when the count runs past the last year loaded.
     */
    public WorkingDayCalendar from(LocalDate first) {
        List<CalendarYear> loaded = new ArrayList<>();
        loaded.add(year(first.getYear()).orElseThrow(() -> new CalendarYearNotLoaded(first.getYear())).calendar());
        for (int next = first.getYear() + 1; ; next++) {
            Optional<LoadedYear> year = year(next);
            if (year.isEmpty()) {
                break;
            }
            loaded.add(year.get().calendar());
        }
        return WorkingDayCalendar.of(loaded);
    }

    private CalendarYear days(int year) {
        Set<LocalDate> holidays = new TreeSet<>();
        Set<LocalDate> workdays = new TreeSet<>();
        jdbc.query("SELECT day, kind FROM calendar_day WHERE calendar_year = ?", rs -> {
            LocalDate day = rs.getObject("day", LocalDate.class);
            (HOLIDAY.equals(rs.getString("kind")) ? holidays : workdays).add(day);
        }, year);
        return new CalendarYear(year, holidays, workdays);
    }
}
