package cn.shanghai.techfinance.contracts.bank;

import java.time.LocalDate;
import java.util.List;

/** A tech-firm qualification with its validity, both dates inclusive. */
public record Qualification(QualificationType type, String certNo, LocalDate validFrom, LocalDate validTo) {

    void checkConsistency(String path, List<Violation> out) {
        if (validTo.isBefore(validFrom)) {
            out.add(new Violation(path + ".validTo", RejectionCode.INCONSISTENT, "validTo is before validFrom"));
        }
    }
}
