package cn.shanghai.techfinance.subsidy.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One version of the rule data (subsidy-rules.md: every number is a parameter, versioned by
 * effective dates). The values are seeded and changed in the database, never in code; a claim
 * records the {@link #version()} it was computed with.
 *
 * @param effectiveTo last day the version applies (inclusive), or {@code null} while open-ended
 * @param techServiceFrom first disbursement date on which a tech-service industry alone makes a tech firm
 * @param techServiceIndustryPrefixes GB/T 4754 industry code prefixes of tech-service firms (73, 74, 75)
 * @param qualifyingQualificationTypes qualification types that make a Shanghai firm a tech firm
 * @param subsidyYearStart first day of a subsidy year; SYn runs from this day of year n−1
 * @param firstSubsidyYear the first configured subsidy year n (SYn); earlier settlements are out of window
 * @param rateCapMultiplier HKZD cap rate = 1-year LPR at disbursement × this multiplier
 * @param confirmationWorkingDays working days after publication a firm has to confirm its claim
 * @param techInsurance TECH_INSURANCE_PREMIUM's ratio, lines and caps
 */
public record RuleParameters(
        String version,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        LocalDate techServiceFrom,
        List<String> techServiceIndustryPrefixes,
        Set<String> qualifyingQualificationTypes,
        int smeMaxEmployees,
        BigDecimal smeMaxAnnualRevenue,
        BigDecimal smeMaxTotalAssets,
        BigDecimal lydRatio,
        BigDecimal lydTechServiceRatio,
        MonthDay subsidyYearStart,
        int firstSubsidyYear,
        BigDecimal lydCapPerSubsidyYear,
        BigDecimal hkzdRatio,
        BigDecimal hkzdFirstLoanRatio,
        BigDecimal rateCapMultiplier,
        BigDecimal hkzdCapPerCalendarYear,
        BigDecimal hkzdLifetimeCap,
        int confirmationWorkingDays,
        TechInsuranceParameters techInsurance) {

    public RuleParameters {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version is required");
        }
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            throw new IllegalArgumentException("effectiveTo " + effectiveTo + " is before effectiveFrom " + effectiveFrom);
        }
        Objects.requireNonNull(techServiceFrom, "techServiceFrom");
        techServiceIndustryPrefixes = List.copyOf(techServiceIndustryPrefixes);
        if (techServiceIndustryPrefixes.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a tech-service industry prefix is blank");
        }
        qualifyingQualificationTypes = Set.copyOf(qualifyingQualificationTypes);
        if (smeMaxEmployees < 0) {
            throw new IllegalArgumentException("smeMaxEmployees is negative");
        }
        requireNonNegative(smeMaxAnnualRevenue, "smeMaxAnnualRevenue");
        requireNonNegative(smeMaxTotalAssets, "smeMaxTotalAssets");
        requireRatio(lydRatio, "lydRatio");
        requireRatio(lydTechServiceRatio, "lydTechServiceRatio");
        // 02-29 would leave three subsidy years in four without a start day.
        if (subsidyYearStart.equals(MonthDay.of(2, 29))) {
            throw new IllegalArgumentException("subsidyYearStart cannot be 02-29");
        }
        requireFen(lydCapPerSubsidyYear, "lydCapPerSubsidyYear");
        requireRatio(hkzdRatio, "hkzdRatio");
        requireRatio(hkzdFirstLoanRatio, "hkzdFirstLoanRatio");
        if (rateCapMultiplier.signum() <= 0) {
            throw new IllegalArgumentException("rateCapMultiplier must be positive");
        }
        requireFen(hkzdCapPerCalendarYear, "hkzdCapPerCalendarYear");
        requireFen(hkzdLifetimeCap, "hkzdLifetimeCap");
        if (confirmationWorkingDays < 1) {
            throw new IllegalArgumentException("confirmationWorkingDays must be at least 1");
        }
        Objects.requireNonNull(techInsurance, "techInsurance");
    }

    public boolean isEffectiveOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " is negative");
        }
    }

    /** Caps are amounts: claims are granted up to them in fen. */
    static void requireFen(BigDecimal value, String name) {
        requireNonNegative(value, name);
        if (value.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(name + " has fractions of a fen");
        }
    }

    static void requireRatio(BigDecimal value, String name) {
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(name + " must be within [0, 1]");
        }
    }
}
