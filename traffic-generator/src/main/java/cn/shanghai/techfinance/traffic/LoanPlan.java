package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.bank.Program;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * One application a firm will make. {@code scenario} is the firm's edge case when this loan plays it
 * (the first loan), else ORDINARY. The loan's own random keeps its events independent of the others.
 */
record LoanPlan(
        FirmPlan firm,
        int number,
        String bankCode,
        Program program,
        boolean firstLoan,
        LocalDate appliedOn,
        Scenario scenario,
        SplittableRandom random) {

    /** Unique within every bank: firm index and loan number. */
    String reference() {
        return String.format("%06d-%d", firm.index(), number);
    }
}
