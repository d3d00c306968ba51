package cn.shanghai.techfinance.subsidy.rules;

import java.util.Objects;

/**
 * One cap a firm's claims draw on: LYD per subsidy year, HKZD per calendar year of paidOn and over
 * the firm's lifetime, TECH_INSURANCE per policy and per calendar year of the trigger date. The job
 * keeps the total allocated per bucket across nightly runs.
 *
 * @param period {@code SY2026}, {@code 2026}, {@code LIFETIME} or {@code <insurerCode>/<policyNo>}, by kind
 */
public record CapBucket(Kind kind, String uscc, String period) {

    public enum Kind {
        LYD_SUBSIDY_YEAR(true),
        HKZD_CALENDAR_YEAR(true),
        HKZD_LIFETIME(true),
        /** Per policy: a policy has one claim, so this cap is that claim's alone and keeps no total. */
        TECH_POLICY(false),
        TECH_CALENDAR_YEAR(true);

        private final boolean shared;

        Kind(boolean shared) {
            this.shared = shared;
        }

        /** True when several claims draw on the bucket, so its total is kept across runs. */
        public boolean shared() {
            return shared;
        }
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

    public static CapBucket techPolicy(String uscc, String insurerCode, String policyNo) {
        return new CapBucket(Kind.TECH_POLICY, uscc, insurerCode + "/" + policyNo);
    }

    public static CapBucket techCalendarYear(String uscc, int year) {
        return new CapBucket(Kind.TECH_CALENDAR_YEAR, uscc, Integer.toString(year));
    }
}
