package cn.shanghai.techfinance.subsidy;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.Firm;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The claims of the officers' console tests (OfficerRunsTest, OfficerClaimsTest), built from
 * {@link LoanStories}: their own banks, firms {@code uscc(9_410_001…)}, LYD trigger dates 2025-12-01 …
 * 2025-12-05 and one HKZD instalment paid 2025-12-03, all computed by the night of {@link #NIGHT}.
 * <ul>
 *   <li>bank {@link #BANK}: LYD {@code P-a1} … {@code P-a50} of HNTE firms, premium 45,000.00 (22,500.00 each), settled on
 *       2025-12-01 … 2025-12-05 in turn ({@code a1} by the firm {@link #NAMED_FIRM}); LYD {@code P-x1}, {@code P-x2} of firms
 *       registered in Shenzhen (INELIGIBLE, NOT_SHANGHAI), settled 2025-12-04; HKZD {@code HC-h1} #1, interest 10,000.00
 *       paid on its due date 2025-12-03 (5,000.00): 53 claims;</li>
 *   <li>bank {@link #BANK_2}: LYD {@code P-b1} … {@code P-b3}, settled 2025-12-02: 3 claims.</li>
 * </ul>
 */
public final class OfficerConsoleStories {

    public static final String BANK = "CONA-SH";
    public static final String BANK_2 = "CONA-SH-2";
    public static final LocalDate NIGHT = LocalDate.of(2025, 12, 8);
    public static final LocalDate FIRST_TRIGGER = LocalDate.of(2025, 12, 1);
    public static final LocalDate LAST_TRIGGER = LocalDate.of(2025, 12, 5);
    public static final int ELIGIBLE_LYD = 50;
    public static final int HKZD_FIRM = 9_410_060;
    public static final int FIRST_INELIGIBLE = 9_410_051;
    public static final int FIRST_OF_BANK_2 = 9_410_071;
    public static final String NAMED_FIRM = "上海丙寅控制台科技有限公司";

    private static boolean sent;

    private OfficerConsoleStories() {
    }

    /** The events of both banks the first time it is asked in this JVM, none after (intake has them). */
    public static synchronized List<BankEvent> eventsNotYetSent() {
        if (sent) {
            return List.of();
        }
        sent = true;
        LocalDate disbursed = LocalDate.of(2025, 6, 2);
        LocalDate paid = LocalDate.of(2025, 6, 10);
        LoanStories main = new LoanStories(BANK);
        for (int i = 1; i <= ELIGIBLE_LYD; i++) {
            Firm firm = LoanStories.firm(uscc(9_410_000 + i), "3911", true);
            if (i == 1) {
                firm = new Firm(firm.uscc(), NAMED_FIRM, firm.industryCode(), firm.registeredDistrict(), firm.employees(),
                        firm.annualRevenue(), firm.totalAssets(), firm.qualifications());
            }
            main.lyd("a" + i, firm, disbursed, "45000.00", paid, FIRST_TRIGGER.plusDays((i - 1) % 5));
        }
        for (int i = 0; i < 2; i++) {
            main.lyd("x" + (i + 1), LoanStories.firmIn(uscc(FIRST_INELIGIBLE + i), "3911", true, "440305"), disbursed, "45000.00", paid,
                    LocalDate.of(2025, 12, 4));
        }
        main.hkzd("h1", LoanStories.firm(uscc(HKZD_FIRM), "3911", true), false, "0.0345", "0.0310", LocalDate.of(2025, 7, 1),
                List.<String[]>of(new String[] {"10000.00", "2025-12-03", "2025-12-03"}));
        LoanStories second = new LoanStories(BANK_2);
        for (int i = 0; i < 3; i++) {
            second.lyd("b" + (i + 1), LoanStories.firm(uscc(FIRST_OF_BANK_2 + i), "3911", true), disbursed, "45000.00", paid,
                    LocalDate.of(2025, 12, 2));
        }
        List<BankEvent> events = new ArrayList<>(main.events());
        events.addAll(second.events());
        return events;
    }

    public static String uscc(int n) {
        return LoanStories.uscc(n);
    }
}
