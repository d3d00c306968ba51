package cn.shanghai.techfinance.subsidy.rules;

import java.math.BigDecimal;
import java.util.Set;

/**
 * TECH_INSURANCE_PREMIUM's part of a rule version (subsidy-rules.md §4a; placeholders).
 *
 * @param coveredLines the policy lines (险种) subsidised; any other line is LINE_NOT_COVERED
 * @param capPerPolicy most one policy's claim is granted
 * @param capPerCalendarYear most a firm's claims are granted per calendar year of the trigger date
 */
public record TechInsuranceParameters(
        Set<String> coveredLines, BigDecimal ratio, BigDecimal capPerPolicy, BigDecimal capPerCalendarYear) {

    public TechInsuranceParameters {
        coveredLines = Set.copyOf(coveredLines);
        if (coveredLines.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a covered line is blank");
        }
        RuleParameters.requireRatio(ratio, "techInsurance.ratio");
        RuleParameters.requireFen(capPerPolicy, "techInsurance.capPerPolicy");
        RuleParameters.requireFen(capPerCalendarYear, "techInsurance.capPerCalendarYear");
    }
}
