package cn.shanghai.techfinance.subsidy;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.EventData;
import cn.shanghai.techfinance.contracts.bank.Firm;
import cn.shanghai.techfinance.contracts.bank.InterestPaid;
import cn.shanghai.techfinance.contracts.bank.LoanApplied;
import cn.shanghai.techfinance.contracts.bank.LoanApproved;
import cn.shanghai.techfinance.contracts.bank.LoanDefaulted;
import cn.shanghai.techfinance.contracts.bank.LoanDisbursed;
import cn.shanghai.techfinance.contracts.bank.LoanSettled;
import cn.shanghai.techfinance.contracts.bank.PolicyCancelled;
import cn.shanghai.techfinance.contracts.bank.PolicyIssued;
import cn.shanghai.techfinance.contracts.bank.PremiumPaid;
import cn.shanghai.techfinance.contracts.bank.Program;
import cn.shanghai.techfinance.contracts.bank.Qualification;
import cn.shanghai.techfinance.contracts.bank.QualificationType;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Bank event streams of whole loans, for end-to-end tests (the worked examples of subsidy-rules.md §6 among them). */
final class LoanStories {

    private final String bankCode;
    private final List<BankEvent> events = new ArrayList<>();
    private int ids;

    LoanStories(String bankCode) {
        this.bankCode = bankCode;
    }

    static String uscc(int n) {
        return Uscc.withCheckCharacter(String.format("91310104MA%07d", n));
    }

    static Firm firm(String uscc, String industryCode, boolean hnte) {
        return new Firm(uscc, "上海测试科技有限公司", industryCode, "310104", 85, new BigDecimal("42000000.00"),
                new BigDecimal("30000000.00"), hnte ? List.of(new Qualification(QualificationType.HNTE, "GR" + uscc.substring(10),
                LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31))) : List.of());
    }

    /** As {@link #firm(String, String, boolean)}, registered in {@code registeredDistrict} (GB/T 2260). */
    static Firm firmIn(String uscc, String industryCode, boolean hnte, String registeredDistrict) {
        Firm f = firm(uscc, industryCode, hnte);
        return new Firm(f.uscc(), f.name(), f.industryCode(), registeredDistrict, f.employees(), f.annualRevenue(),
                f.totalAssets(), f.qualifications());
    }

    /** An LYD loan of one contract: disbursed, insured, premium paid, settled. */
    LoanStories lyd(String key, Firm firm, LocalDate disbursedOn, String premium, LocalDate paidOn, LocalDate settledOn) {
        String app = "A-" + key;
        String approval = "P-" + key;
        String contract = "C-" + key;
        String policy = "Y-" + key;
        add(disbursedOn.minusDays(10), new LoanApplied(app, Program.LYD, true, false, new BigDecimal("3000000.00"), 12, firm));
        add(disbursedOn.minusDays(5), new LoanApproved(app, approval, new BigDecimal("3000000.00")));
        add(disbursedOn, new LoanDisbursed(contract, approval, new BigDecimal("3000000.00"), new BigDecimal("0.0345"),
                new BigDecimal("0.0300"), disbursedOn, disbursedOn.plusYears(1).minusDays(1), null));
        add(disbursedOn, new PolicyIssued(policy, "PICC-SH", contract, new BigDecimal("3000000.00"), new BigDecimal("0.015"),
                new BigDecimal(premium), disbursedOn));
        add(paidOn, new PremiumPaid(policy, new BigDecimal(premium), paidOn));
        add(settledOn, new LoanSettled(contract, settledOn));
        return this;
    }

    /** An HKZD contract with interest instalments paid (amount, dueOn, paidOn) each. */
    LoanStories hkzd(String key, Firm firm, boolean firstLoan, String annualRate, String lpr1y, LocalDate disbursedOn,
                     List<String[]> instalments) {
        String app = "HA-" + key;
        String approval = "HP-" + key;
        String contract = "HC-" + key;
        add(disbursedOn.minusDays(10), new LoanApplied(app, Program.HKZD, firstLoan, true, new BigDecimal("5000000.00"), 24, firm));
        add(disbursedOn.minusDays(5), new LoanApproved(app, approval, new BigDecimal("5000000.00")));
        add(disbursedOn, new LoanDisbursed(contract, approval, new BigDecimal("5000000.00"), new BigDecimal(annualRate),
                new BigDecimal(lpr1y), disbursedOn, disbursedOn.plusYears(2), null));
        int n = 1;
        for (String[] i : instalments) {
            LocalDate due = LocalDate.parse(i[1]);
            add(LocalDate.parse(i[2]), new InterestPaid(contract, n++, due.minusMonths(3), due.minusDays(1), new BigDecimal(i[0]), due,
                    LocalDate.parse(i[2])));
        }
        return this;
    }

    LoanStories defaulted(String key, LocalDate defaultedOn) {
        add(defaultedOn, new LoanDefaulted("HC-" + key, defaultedOn, new BigDecimal("4000000.00"), new BigDecimal("50000.00")));
        return this;
    }

    /** The policy of the LYD loan {@link #lyd} built under {@code key}, cancelled (退保) on {@code cancelledOn}. */
    LoanStories policyCancelled(String key, LocalDate cancelledOn) {
        add(cancelledOn, new PolicyCancelled("Y-" + key, cancelledOn));
        return this;
    }

    /** One more interest instalment of the HKZD contract {@link #hkzd} built under {@code key}. */
    LoanStories interestPaid(String key, int installmentNo, String amount, LocalDate dueOn, LocalDate paidOn) {
        add(paidOn, new InterestPaid("HC-" + key, installmentNo, dueOn.minusMonths(3), dueOn.minusDays(1), new BigDecimal(amount), dueOn,
                paidOn));
        return this;
    }

    List<BankEvent> events() {
        return List.copyOf(events);
    }

    private void add(LocalDate day, EventData data) {
        events.add(new BankEvent(bankCode + "-" + (++ids), EventSource.bank(bankCode),
                OffsetDateTime.of(day.atTime(10, 0), ZoneOffset.ofHours(8)), data));
    }
}
