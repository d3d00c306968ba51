package cn.shanghai.techfinance.subsidy;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.Firm;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Scenario streams built from {@link LoanStories}, for tests in other packages. */
public final class LoanStoriesAccess {

    private LoanStoriesAccess() {
    }

    /**
     * subsidy-rules.md §6: examples 1–3 (LYD, settled 2026-03-15) and 4–6 (HKZD), plus an HKZD loan
     * with two instalments paid and then a default.
     */
    public static List<BankEvent> workedExamples(String bank) {
        LoanStories s = new LoanStories(bank);
        LocalDate settled = LocalDate.of(2026, 3, 15);
        s.lyd("ex1", LoanStories.firm(LoanStories.uscc(101), "3911", true), LocalDate.of(2025, 10, 1), "45000.00",
                LocalDate.of(2025, 10, 10), settled);
        s.lyd("ex2", LoanStories.firm(LoanStories.uscc(102), "7320", false), LocalDate.of(2025, 9, 1), "45000.00",
                LocalDate.of(2025, 10, 10), settled);
        s.lyd("ex3", LoanStories.firm(LoanStories.uscc(103), "7320", false), LocalDate.of(2025, 4, 1), "45000.00",
                LocalDate.of(2025, 4, 10), settled);
        s.hkzd("ex4", LoanStories.firm(LoanStories.uscc(104), "3911", true), false, "0.0500", "0.0310", LocalDate.of(2025, 7, 1),
                List.<String[]>of(new String[] {"12500.00", "2025-10-01", "2025-09-30"}));
        s.hkzd("ex5", LoanStories.firm(LoanStories.uscc(105), "3911", true), true, "0.0345", "0.0310", LocalDate.of(2025, 7, 1),
                List.<String[]>of(new String[] {"8333.33", "2025-10-01", "2025-10-01"}));
        s.hkzd("ex6", LoanStories.firm(LoanStories.uscc(106), "3911", true), false, "0.0345", "0.0310", LocalDate.of(2025, 7, 1),
                List.<String[]>of(new String[] {"12500.00", "2025-10-01", "2025-10-02"}));
        s.hkzd("dflt", LoanStories.firm(LoanStories.uscc(107), "3911", true), false, "0.0345", "0.0310", LocalDate.of(2025, 7, 1),
                List.of(new String[] {"10000.00", "2025-10-01", "2025-10-01"}, new String[] {"10000.00", "2026-01-01", "2026-01-01"}));
        s.defaulted("dflt", LocalDate.of(2026, 2, 1));
        return s.events();
    }

    /** {@code firms} firms, each with an HKZD loan and two instalments of 10,000.00 paid on time in 2025. */
    public static List<BankEvent> hkzdFirms(String bank, int firms, int firstFirm) {
        LoanStories s = new LoanStories(bank);
        for (int i = 0; i < firms; i++) {
            s.hkzd("f" + i, LoanStories.firm(LoanStories.uscc(firstFirm + i), "3911", true), false, "0.0345", "0.0310",
                    LocalDate.of(2025, 7, 1), List.of(new String[] {"10000.00", "2025-10-01", "2025-10-01"},
                            new String[] {"10000.00", "2026-01-01", "2025-12-30"}));
        }
        return s.events();
    }

    /**
     * Facts in seven of the eight tables the nightly discovery reads, for firms {@code firm} and
     * {@code firm + 1}: an LYD loan (contract, policy, premium, settlement 2026-01-15) whose policy is
     * then cancelled, and an HKZD loan with one instalment of 10,000.00 paid, then defaulted.
     */
    public static List<BankEvent> everyDiscoveredKind(String bank, String key, int firm) {
        LoanStories s = new LoanStories(bank);
        s.lyd(key + "L", LoanStories.firm(LoanStories.uscc(firm), "3911", true), LocalDate.of(2025, 10, 1), "45000.00",
                LocalDate.of(2025, 10, 10), LocalDate.of(2026, 1, 15));
        s.policyCancelled(key + "L", LocalDate.of(2026, 1, 20));
        s.hkzd(key + "H", LoanStories.firm(LoanStories.uscc(firm + 1), "3911", true), false, "0.0345", "0.0310",
                LocalDate.of(2025, 7, 1), List.<String[]>of(new String[] {"10000.00", "2025-10-01", "2025-10-01"}));
        s.defaulted(key + "H", LocalDate.of(2026, 2, 1));
        return s.events();
    }

    /** One firm's HKZD loan with two instalments of 10,000.00 paid on time, as in {@link #hkzdFirms}, under {@code key}. */
    public static List<BankEvent> hkzdFirm(String bank, String key, int firm) {
        LoanStories s = new LoanStories(bank);
        s.hkzd(key, LoanStories.firm(LoanStories.uscc(firm), "3911", true), false, "0.0345", "0.0310",
                LocalDate.of(2025, 7, 1), List.of(new String[] {"10000.00", "2025-10-01", "2025-10-01"},
                        new String[] {"10000.00", "2026-01-01", "2025-12-30"}));
        return s.events();
    }

    /**
     * Firms {@code firstFirm}, {@code firstFirm + 1}, … each with an LYD loan (premium 45,000.00,
     * settled 2025-09-01) and an HKZD loan with {@code instalments[i]} monthly instalments of
     * 10,000.00 paid on their due dates from 2025-02-01 on.
     */
    public static List<BankEvent> mixedFirms(String bank, int firstFirm, int... instalments) {
        LoanStories s = new LoanStories(bank);
        for (int i = 0; i < instalments.length; i++) {
            String uscc = LoanStories.uscc(firstFirm + i);
            s.lyd("m" + i, LoanStories.firm(uscc, "3911", true), LocalDate.of(2025, 3, 1), "45000.00", LocalDate.of(2025, 3, 5),
                    LocalDate.of(2025, 9, 1));
            List<String[]> paid = new ArrayList<>();
            for (int n = 0; n < instalments[i]; n++) {
                String due = LocalDate.of(2025, 2, 1).plusMonths(n).toString();
                paid.add(new String[] {"10000.00", due, due});
            }
            s.hkzd("m" + i, LoanStories.firm(uscc, "3911", true), false, "0.0345", "0.0310", LocalDate.of(2025, 1, 1), paid);
        }
        return s.events();
    }

    /** The USCC of {@link LoanStories#uscc(int)}: a valid code, in Shanghai's 91310104MA range. */
    public static String uscc(int n) {
        return LoanStories.uscc(n);
    }

    /**
     * Rule-version scenario (trigger dates from 2027-12-31 on): three LYD loans of HNTE firms, industry
     * 3911, premium 45,000.00 paid before settlement, disbursed in December 2027 while the HNTE
     * qualification is valid. {@code P-rv1} (firm {@code firms[0]}) settles 2027-12-31, {@code P-rv2}
     * ({@code firms[1]}) 2028-01-02, and {@code P-rv3} ({@code firms[2]}, registered in 440305 Shenzhen,
     * not Shanghai) 2028-01-02.
     */
    public static List<BankEvent> ruleVersionLoans(String bank, int... firms) {
        LoanStories s = new LoanStories(bank);
        s.lyd("rv1", LoanStories.firm(LoanStories.uscc(firms[0]), "3911", true), LocalDate.of(2027, 12, 1), "45000.00",
                LocalDate.of(2027, 12, 5), LocalDate.of(2027, 12, 31));
        s.lyd("rv2", LoanStories.firm(LoanStories.uscc(firms[1]), "3911", true), LocalDate.of(2027, 12, 2), "45000.00",
                LocalDate.of(2027, 12, 6), LocalDate.of(2028, 1, 2));
        s.lyd("rv3", LoanStories.firmIn(LoanStories.uscc(firms[2]), "3911", true, "440305"), LocalDate.of(2027, 12, 3),
                "45000.00", LocalDate.of(2027, 12, 7), LocalDate.of(2028, 1, 2));
        return s.events();
    }

    /**
     * One LYD loan per date of {@code settledOn}, the i-th of firm {@code firstFirm + i} (HNTE, industry 3911) under approval
     * {@code P-l<i>}: premium 45,000.00 paid 2025-06-10, settled (the claim's trigger date) on {@code settledOn[i]}, so
     * 22,500.00 each.
     */
    public static List<BankEvent> lydLoans(String bank, int firstFirm, LocalDate... settledOn) {
        LoanStories s = new LoanStories(bank);
        for (int i = 0; i < settledOn.length; i++) {
            s.lyd("l" + i, LoanStories.firm(LoanStories.uscc(firstFirm + i), "3911", true), LocalDate.of(2025, 6, 2), "45000.00",
                    LocalDate.of(2025, 6, 10), settledOn[i]);
        }
        return s.events();
    }

    /**
     * The firm console's loans (trigger dates 2025-12-22 … 2025-12-26). Firm {@code firm}, named
     * {@code name}: LYD loans {@code P-c1} (settled 2025-12-22) and {@code P-c2} (2025-12-23) of an
     * HNTE firm, premium 45,000.00 each (22,500.00); {@code P-c3} (2025-12-24) under a snapshot with
     * no qualification, industry 7320, disbursed before techServiceFrom (INELIGIBLE, NOT_TECH_FIRM);
     * and an HKZD loan {@code HC-c4} at 5.00 % over the cap 3.10 % × 1.4, one instalment of 10,000.00
     * paid on time on 2025-12-26 (4,340.00, RATE_CAPPED). Firm {@code firm + 1}: {@code P-d1} as
     * {@code P-c1}.
     */
    public static List<BankEvent> firmConsoleLoans(String bank, int firm, String name) {
        LoanStories s = new LoanStories(bank);
        Firm hnte = named(LoanStories.firm(LoanStories.uscc(firm), "3911", true), name);
        s.lyd("c1", hnte, LocalDate.of(2025, 6, 2), "45000.00", LocalDate.of(2025, 6, 10), LocalDate.of(2025, 12, 22));
        s.lyd("c2", hnte, LocalDate.of(2025, 6, 3), "45000.00", LocalDate.of(2025, 6, 10), LocalDate.of(2025, 12, 23));
        s.lyd("c3", named(LoanStories.firm(LoanStories.uscc(firm), "7320", false), name), LocalDate.of(2025, 4, 1), "45000.00",
                LocalDate.of(2025, 4, 10), LocalDate.of(2025, 12, 24));
        s.hkzd("c4", hnte, false, "0.0500", "0.0310", LocalDate.of(2025, 7, 1),
                List.<String[]>of(new String[] {"10000.00", "2025-12-26", "2025-12-26"}));
        s.lyd("d1", LoanStories.firm(LoanStories.uscc(firm + 1), "3911", true), LocalDate.of(2025, 6, 2), "45000.00",
                LocalDate.of(2025, 6, 10), LocalDate.of(2025, 12, 22));
        return s.events();
    }

    private static Firm named(Firm f, String name) {
        return new Firm(f.uscc(), name, f.industryCode(), f.registeredDistrict(), f.employees(), f.annualRevenue(), f.totalAssets(),
                f.qualifications());
    }
}
