package cn.shanghai.techfinance.subsidy.claims;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Who changes claims, on which business date, and with what (a publication's number, a
 * settlement's id): what the audit trail records beside each transition.
 */
public record Actor(String user, LocalDate businessDate, String reference) {

    /** The nightly run's own name in the audit trail. */
    public static final String NIGHTLY = "system:nightly";

    public Actor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(businessDate, "businessDate");
    }

    /** The night of a business date: computing claims and applying the automatic transitions. */
    public static Actor night(LocalDate businessDate) {
        return new Actor(NIGHTLY, businessDate, null);
    }
}
