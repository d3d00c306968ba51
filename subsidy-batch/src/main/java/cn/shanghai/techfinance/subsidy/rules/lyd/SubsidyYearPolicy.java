package cn.shanghai.techfinance.subsidy.rules.lyd;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import java.time.LocalDate;

/**
 * 补贴年度: SYn runs from the start day (09-01) of year n−1 to the day before it in year n. Only
 * configured years, from the first one on, are open; an earlier settlement is OUT_OF_WINDOW.
 */
public final class SubsidyYearPolicy {

    private SubsidyYearPolicy() {
    }

    public static Decision decide(LocalDate settlementDate, RuleParameters parameters) {
        return subsidyYearOf(settlementDate, parameters) >= parameters.firstSubsidyYear()
                ? Decision.ALLOWED
                : Decision.rejected(ReasonCode.OUT_OF_WINDOW);
    }

    /** The n of the subsidy year SYn that contains the date. */
    public static int subsidyYearOf(LocalDate date, RuleParameters parameters) {
        LocalDate startThisYear = parameters.subsidyYearStart().atYear(date.getYear());
        return date.isBefore(startThisYear) ? date.getYear() : date.getYear() + 1;
    }
}
