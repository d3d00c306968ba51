package cn.shanghai.techfinance.traffic;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The published 1-year LPR (贷款市场报价利率); held at the last fixing for future dates. */
final class LoanPrimeRate {

    private static final LocalDate CUT_2024_10 = LocalDate.of(2024, 10, 21);
    private static final LocalDate CUT_2025_05 = LocalDate.of(2025, 5, 20);

    private LoanPrimeRate() {
    }

    static BigDecimal oneYearOn(LocalDate date) {
        if (date.isBefore(CUT_2024_10)) {
            return new BigDecimal("0.0345");
        }
        if (date.isBefore(CUT_2025_05)) {
            return new BigDecimal("0.0310");
        }
        return new BigDecimal("0.0300");
    }
}
