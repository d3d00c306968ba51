package cn.shanghai.techfinance.subsidy.rules;

/**
 * A date was asked of the working-day calendar in a year whose State Council notice has not been
 * loaded: the answer is not known, so whatever needed it (a confirmation deadline) is refused.
 */
public class CalendarYearNotLoaded extends RuntimeException {

    private final int year;

    public CalendarYearNotLoaded(int year) {
        super("the working-day calendar of " + year + " is not loaded: an officer loads it with PUT /api/v1/calendar/" + year
                + " (its holidays and make-up working days from the State Council's notice)");
        this.year = year;
    }

    public int year() {
        return year;
    }
}
