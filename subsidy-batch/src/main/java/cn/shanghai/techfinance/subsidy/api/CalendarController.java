package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.subsidy.claims.CalendarStore;
import cn.shanghai.techfinance.subsidy.claims.CalendarStore.LoadedYear;
import cn.shanghai.techfinance.subsidy.rules.CalendarYear;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The working-day calendar (工作日历) behind confirmation deadlines: an officer loads each year from the
 * State Council's notice on public-holiday arrangements; a deadline in a year not loaded is refused.
 */
@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "calendar", description = "The working-day calendar: holidays and make-up working days (调休) per year")
public class CalendarController {

    private static final int MIN_YEAR = 2000;
    private static final int MAX_YEAR = 2100;

    private final CalendarStore calendar;

    public CalendarController(CalendarStore calendar) {
        this.calendar = calendar;
    }

    /** A year's special days as the notice gives them, ISO dates (YYYY-MM-DD). */
    public record CalendarYearRequest(List<String> holidays, List<String> workdays) {
    }

    public record CalendarYearView(int year, List<LocalDate> holidays, List<LocalDate> workdays, Instant loadedAt,
                                   String loadedBy) {
    }

    @PutMapping("/{year}")
    @Operation(summary = "Load (or replace) a year's working-day calendar",
            description = "holidays: the days off that would otherwise be working days (Monday–Friday only); workdays: the "
                    + "make-up working days on a Saturday or Sunday (调休上班). Every date in that year, a day in one list "
                    + "at most. Replaces whatever the year had, all at once; answers the year as stored.")
    public CalendarYearView load(@PathVariable int year, @RequestBody CalendarYearRequest body) {
        checkYear(year);
        CalendarYear days;
        try {
            days = new CalendarYear(year, dates(CalendarYear.HOLIDAYS, body.holidays()), dates(CalendarYear.WORKDAYS, body.workdays()));
        } catch (CalendarYear.InvalidDay invalid) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, invalid.getMessage());
        }
        return view(calendar.replace(days, Actors.userOf(Caller.current())));
    }

    @GetMapping("/{year}")
    @Operation(summary = "A year's working-day calendar as loaded", description = "404 when the year is not loaded.")
    public CalendarYearView year(@PathVariable int year) {
        checkYear(year);
        return calendar.year(year).map(CalendarController::view)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "the working-day calendar of " + year
                        + " is not loaded: an officer loads it with PUT /api/v1/calendar/" + year));
    }

    private static void checkYear(int year) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the year must be " + MIN_YEAR + "–" + MAX_YEAR + ", not " + year);
        }
    }

    /** The list's dates; null stays null (the calendar year names the missing list). */
    private static Set<LocalDate> dates(String list, List<String> values) {
        if (values == null) {
            return null;
        }
        Set<LocalDate> dates = new TreeSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            try {
                dates.add(LocalDate.parse(value == null ? "" : value));
            } catch (DateTimeParseException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'" + list + "[" + i + "]' must be a date (YYYY-MM-DD), not '"
                        + echo(value) + "'");
            }
        }
        return dates;
    }

    private static String echo(String value) {
        return value == null ? "null" : value.length() > 32 ? value.substring(0, 32) + "…" : value;
    }

    private static CalendarYearView view(LoadedYear loaded) {
        return new CalendarYearView(loaded.calendar().year(), List.copyOf(loaded.calendar().holidays()),
                List.copyOf(loaded.calendar().workdays()), loaded.loadedAt(), loaded.loadedBy());
    }
}
