package cn.shanghai.techfinance.subsidy.rules;

import java.util.Objects;

/**
 * One cap a firm's claims draw on: LYD per subsidy year, HKZD per calendar year of paidOn and over
 * the firm's lifetime. The job keeps the total allocated per bucket across nightly runs.
 *
 * @param period {@code SY2026}, {@code 2026} or {@code LIFETIME}, by kind
 */
public record CapBucket(Kind kind, String uscc, String period) {

    public enum Kind {
        LYD_SUBSIDY_YEAR,
        HKZD_CALENDAR_YEAR,
        HKZD_LIFETIME
    }

    public CapBucket {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(uscc, "uscc");
        Objects.requireNonNull(period, "period");
    }

    public static CapBucket lydSubsidyYear(String uscc, int subsidyYear) {
        return new CapBucket(Kind.LYD_SUBSIDY_YEAR, uscc, "SY" + subsidyYear);
    }

    public static CapBucket hkzdCalendarYear(String uscc, int year) {
        return new CapBucket(Kind.HKZD_CALENDAR_YEAR, uscc, Integer.toString(year));
    }

    public static CapBucket hkzdLifetime(String uscc) {
        return new CapBucket(Kind.HKZD_LIFETIME, uscc, "LIFETIME");
    }
}
