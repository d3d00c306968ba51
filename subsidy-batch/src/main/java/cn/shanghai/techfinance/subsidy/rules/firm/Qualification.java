package cn.shanghai.techfinance.subsidy.rules.firm;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A tech qualification (资质) with its validity, both days included. The type stays a string so
 * that the rule data, not the code, says which types qualify.
 */
public record Qualification(String type, LocalDate validFrom, LocalDate validTo) {

    public Qualification {
        Objects.requireNonNull(type, "type");
        if (validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("validTo " + validTo + " is before validFrom " + validFrom);
        }
    }

    public boolean isValidOn(LocalDate date) {
        return !date.isBefore(validFrom) && !date.isAfter(validTo);
    }
}
