package cn.shanghai.techfinance.subsidy.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** CNY amounts in fen: every claim amount is rounded once, half-up, to 0.01. */
public final class Money {

    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private static final int FEN = 2;

    private Money() {
    }

    public static BigDecimal round(BigDecimal exact) {
        return exact.setScale(FEN, RoundingMode.HALF_UP);
    }

    /**
     * dividend / divisor rounded half-up to fen in one step: BigDecimal rounds the exact quotient,
     * so no intermediate precision (and no double rounding) is involved.
     */
    public static BigDecimal roundedQuotient(BigDecimal dividend, BigDecimal divisor) {
        return dividend.divide(divisor, FEN, RoundingMode.HALF_UP);
    }
}
