package cn.shanghai.techfinance.subsidy.rules.firm;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One period the firm spent on the serious dishonesty list (严重失信主体名单).
 *
 * @param clearedOn the day it was removed, or {@code null} while still listed
 */
public record DishonestyListing(LocalDate listedOn, LocalDate clearedOn) {

    public DishonestyListing {
        Objects.requireNonNull(listedOn, "listedOn");
        if (clearedOn != null && clearedOn.isBefore(listedOn)) {
            throw new IllegalArgumentException("clearedOn " + clearedOn + " is before listedOn " + listedOn);
        }
    }

    /** Listed on or before the date and not cleared by it: a clearing on the date itself counts. */
    public boolean isListedOn(LocalDate date) {
        return !listedOn.isAfter(date) && (clearedOn == null || clearedOn.isAfter(date));
    }
}
