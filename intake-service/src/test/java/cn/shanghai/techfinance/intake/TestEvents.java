package cn.shanghai.techfinance.intake;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.contracts.bank.EventData;
import cn.shanghai.techfinance.contracts.bank.Firm;
import cn.shanghai.techfinance.contracts.bank.FirmDishonestyCleared;
import cn.shanghai.techfinance.contracts.bank.FirmDishonestyListed;
import cn.shanghai.techfinance.contracts.bank.InterestPaid;
import cn.shanghai.techfinance.contracts.bank.LoanApplied;
import cn.shanghai.techfinance.contracts.bank.LoanApproved;
import cn.shanghai.techfinance.contracts.bank.LoanDefaulted;
import cn.shanghai.techfinance.contracts.bank.LoanDisbursed;
import cn.shanghai.techfinance.contracts.bank.LoanOverdue;
import cn.shanghai.techfinance.contracts.bank.LoanRejected;
import cn.shanghai.techfinance.contracts.bank.LoanSettled;
import cn.shanghai.techfinance.contracts.bank.PolicyCancelled;
import cn.shanghai.techfinance.contracts.bank.PolicyIssued;
import cn.shanghai.techfinance.contracts.bank.PremiumPaid;
import cn.shanghai.techfinance.contracts.bank.PrincipalRepaid;
import cn.shanghai.techfinance.contracts.bank.Program;
import cn.shanghai.techfinance.contracts.bank.Qualification;
import cn.shanghai.techfinance.contracts.bank.QualificationType;
import cn.shanghai.techfinance.contracts.bank.TechPolicyCancelled;
import cn.shanghai.techfinance.contracts.bank.TechPolicyIssued;
import cn.shanghai.techfinance.contracts.bank.TechPolicyLine;
import cn.shanghai.techfinance.contracts.bank.TechPremiumPaid;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Builds contract-conformant inbound events for tests, through the real codec. */
public final class TestEvents {

    public static final BankEventCodec CODEC = new BankEventCodec();
    private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);

    private TestEvents() {
    }

    /** A valid USCC, different for each {@code n}. */
    public static String uscc(int n) {
        return Uscc.withCheckCharacter(String.format("91310115MA%07d", n));
    }

    public static String json(BankEvent event) {
        return new String(CODEC.encode(event), StandardCharsets.UTF_8);
    }

    public static BankEvent event(String bankCode, String id, LocalDate day, EventData data) {
        return new BankEvent(id, EventSource.bank(bankCode), OffsetDateTime.of(day.atTime(9, 0), SHANGHAI), data);
    }

    public static BankEvent insurerEvent(String insurerCode, String id, LocalDate day, EventData data) {
        return new BankEvent(id, EventSource.insurer(insurerCode), OffsetDateTime.of(day.atTime(9, 0), SHANGHAI), data);
    }

    /**
     * An insurer's tech-insurance policy (科技保险) of {@code line}, its premium paid in two
     * instalments, and its cancellation: every insurer type.
     */
    public static List<BankEvent> techPolicy(String insurerCode, String prefix, int firm, TechPolicyLine line) {
        Firm snapshot = new Firm(uscc(firm), "上海研发科技有限公司", "7320", "310115", 60, new BigDecimal("30000000.00"),
                new BigDecimal("20000000.00"), List.of(new Qualification(QualificationType.HNTE, "GR" + prefix + firm,
                        LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31))));
        LocalDate start = LocalDate.of(2026, 1, 6);
        return List.of(
                insurerEvent(insurerCode, prefix + "p1", start, new TechPolicyIssued(prefix + "TP-1", line, snapshot,
                        new BigDecimal("5000000.00"), new BigDecimal("60000.00"), start, start.plusYears(1).minusDays(1))),
                insurerEvent(insurerCode, prefix + "p2", start.plusDays(4), new TechPremiumPaid(prefix + "TP-1",
                        new BigDecimal("30000.00"), start.plusDays(4))),
                insurerEvent(insurerCode, prefix + "p3", start.plusMonths(3), new TechPremiumPaid(prefix + "TP-1",
                        new BigDecimal("30000.00"), start.plusMonths(3))),
                insurerEvent(insurerCode, prefix + "p4", start.plusMonths(6), new TechPolicyCancelled(prefix + "TP-1",
                        start.plusMonths(6))));
    }

    public static BankEvent creditEvent(String id, LocalDate day, EventData data) {
        return new BankEvent(id, EventSource.CREDIT_PLATFORM, OffsetDateTime.of(day.atTime(9, 0), SHANGHAI), data);
    }

    /**
     * The contract's example: one 履约贷 loan from application to settlement (bank-events.md), with
     * ids prefixed so that test classes sharing a broker and a ledger keep apart.
     */
    public static List<BankEvent> exampleLoan(String bankCode, String prefix, int firm) {
        String uscc = uscc(firm);
        Firm snapshot = new Firm(uscc, "上海示例科技有限公司", "7320", "310115", 85, new BigDecimal("42000000.00"),
                new BigDecimal("30000000.00"), List.of(new Qualification(QualificationType.HNTE, "GR2024310001",
                        LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31))));
        List<BankEvent> events = new ArrayList<>();
        events.add(event(bankCode, prefix + "e1", LocalDate.of(2025, 9, 20), new LoanApplied(prefix + "A-001", Program.LYD, true, false,
                new BigDecimal("3000000.00"), 12, snapshot)));
        events.add(event(bankCode, prefix + "e2", LocalDate.of(2025, 9, 25), new LoanApproved(prefix + "A-001", prefix + "P-001",
                new BigDecimal("3000000.00"))));
        events.add(event(bankCode, prefix + "e3", LocalDate.of(2025, 10, 1), new LoanDisbursed(prefix + "C-001", prefix + "P-001",
                new BigDecimal("3000000.00"), new BigDecimal("0.0345"), new BigDecimal("0.0300"), LocalDate.of(2025, 10, 1),
                LocalDate.of(2026, 9, 30), null)));
        events.add(event(bankCode, prefix + "e4", LocalDate.of(2025, 10, 1), new PolicyIssued(prefix + "Y-001", "PICC-SH",
                prefix + "C-001", new BigDecimal("3000000.00"), new BigDecimal("0.015"), new BigDecimal("45000.00"),
                LocalDate.of(2025, 10, 1))));
        events.add(event(bankCode, prefix + "e5", LocalDate.of(2025, 10, 10), new PremiumPaid(prefix + "Y-001",
                new BigDecimal("45000.00"), LocalDate.of(2025, 10, 10))));
        events.add(event(bankCode, prefix + "e6", LocalDate.of(2026, 3, 15), new LoanSettled(prefix + "C-001",
                LocalDate.of(2026, 3, 15))));
        return events;
    }

    /**
     * A 沪科专贷 loan with a renewal (无还本续贷) and {@code instalments} interest payments on each
     * contract: exercises every parent kind, including a contract that refers to another contract.
     */
    public static List<BankEvent> hkzdLoanWithRenewal(String bankCode, String prefix, int firm, int instalments) {
        String uscc = uscc(firm);
        Firm snapshot = new Firm(uscc, "上海专贷科技有限公司", "3911", "310104", 120, new BigDecimal("80000000.00"),
                new BigDecimal("50000000.00"), List.of());
        List<BankEvent> events = new ArrayList<>();
        LocalDate day = LocalDate.of(2025, 6, 2);
        events.add(event(bankCode, prefix + "h1", day, new LoanApplied(prefix + "HA-1", Program.HKZD, false, true,
                new BigDecimal("5000000.00"), 24, snapshot)));
        events.add(event(bankCode, prefix + "h2", day, new LoanApproved(prefix + "HA-1", prefix + "HP-1", new BigDecimal("5000000.00"))));
        events.add(event(bankCode, prefix + "h3", day, new LoanDisbursed(prefix + "HC-1", prefix + "HP-1",
                new BigDecimal("5000000.00"), new BigDecimal("0.0500"), new BigDecimal("0.0310"), day, day.plusMonths(12), null)));
        events.add(event(bankCode, prefix + "h4", day.plusMonths(12), new LoanDisbursed(prefix + "HC-2", prefix + "HP-1",
                new BigDecimal("5000000.00"), new BigDecimal("0.0450"), new BigDecimal("0.0300"), day.plusMonths(12),
                day.plusMonths(24), prefix + "HC-1")));
        for (String contract : List.of("HC-1", "HC-2")) {
            LocalDate start = contract.equals("HC-1") ? day : day.plusMonths(12);
            for (int i = 1; i <= instalments; i++) {
                LocalDate due = start.plusMonths(i);
                events.add(event(bankCode, prefix + contract + "-i" + i, due, new InterestPaid(prefix + contract, i,
                        due.minusMonths(1), due.minusDays(1), new BigDecimal("12500.00"), due, due)));
            }
        }
        events.add(creditEvent(prefix + "d1", day.plusDays(3), new FirmDishonestyListed(uscc, day.plusDays(3))));
        return events;
    }

    /**
     * The event types the other loans leave out: an application the bank declines, and a 履约贷
     * loan that goes wrong (two premium instalments, a principal repayment, an overdue, a default,
     * the policy cancelled), with the firm listed and later cleared by the credit platform.
     */
    public static List<BankEvent> troubledLoan(String bankCode, String prefix, int firm) {
        String uscc = uscc(firm);
        Firm snapshot = new Firm(uscc, "上海困境科技有限公司", "6510", "310112", 40, new BigDecimal("9000000.00"),
                new BigDecimal("7000000.00"), List.of(
                        new Qualification(QualificationType.TSME, "TSME-" + firm, LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31)),
                        new Qualification(QualificationType.SRDI, "SRDI-" + firm, LocalDate.of(2024, 7, 1), LocalDate.of(2027, 6, 30))));
        LocalDate day = LocalDate.of(2025, 4, 1);
        List<BankEvent> events = new ArrayList<>();
        events.add(event(bankCode, prefix + "t1", day, new LoanApplied(prefix + "TR-1", Program.LYD, true, true,
                new BigDecimal("800000.00"), 6, snapshot)));
        events.add(event(bankCode, prefix + "t2", day.plusDays(3), new LoanRejected(prefix + "TR-1", "资料不全")));
        events.add(event(bankCode, prefix + "t3", day.plusDays(10), new LoanApplied(prefix + "TA-1", Program.LYD, true, false,
                new BigDecimal("1000000.00"), 12, snapshot)));
        events.add(event(bankCode, prefix + "t4", day.plusDays(12), new LoanApproved(prefix + "TA-1", prefix + "TP-1",
                new BigDecimal("900000.00"))));
        LocalDate disbursed = day.plusDays(15);
        events.add(event(bankCode, prefix + "t5", disbursed, new LoanDisbursed(prefix + "TC-1", prefix + "TP-1",
                new BigDecimal("900000.00"), new BigDecimal("0.0390"), new BigDecimal("0.0310"), disbursed,
                disbursed.plusMonths(12), null)));
        events.add(event(bankCode, prefix + "t6", disbursed, new PolicyIssued(prefix + "TY-1", "CPIC-SH", prefix + "TC-1",
                new BigDecimal("900000.00"), new BigDecimal("0.012"), new BigDecimal("10800.00"), disbursed)));
        events.add(event(bankCode, prefix + "t7", disbursed.plusDays(5), new PremiumPaid(prefix + "TY-1",
                new BigDecimal("5400.00"), disbursed.plusDays(5))));
        events.add(event(bankCode, prefix + "t8", disbursed.plusDays(35), new PremiumPaid(prefix + "TY-1",
                new BigDecimal("5400.00"), disbursed.plusDays(35))));
        events.add(event(bankCode, prefix + "t9", disbursed.plusMonths(3), new PrincipalRepaid(prefix + "TC-1",
                new BigDecimal("100000.00"), disbursed.plusMonths(3), disbursed.plusMonths(3))));
        events.add(event(bankCode, prefix + "t10", disbursed.plusMonths(6), new LoanOverdue(prefix + "TC-1",
                disbursed.plusMonths(6), new BigDecimal("100000.00"))));
        events.add(event(bankCode, prefix + "t11", disbursed.plusMonths(9), new LoanDefaulted(prefix + "TC-1",
                disbursed.plusMonths(9), new BigDecimal("800000.00"), new BigDecimal("7800.00"))));
        events.add(event(bankCode, prefix + "t12", disbursed.plusMonths(9).plusDays(1), new PolicyCancelled(prefix + "TY-1",
                disbursed.plusMonths(9).plusDays(1))));
        events.add(creditEvent(prefix + "d1", day.plusDays(20), new FirmDishonestyListed(uscc, day.plusDays(20))));
        events.add(creditEvent(prefix + "d2", day.plusMonths(8), new FirmDishonestyCleared(uscc, day.plusMonths(8))));
        return events;
    }
}
