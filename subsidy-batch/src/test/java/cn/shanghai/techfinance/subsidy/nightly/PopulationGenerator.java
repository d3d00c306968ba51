package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
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
import cn.shanghai.techfinance.contracts.bank.LoanSettled;
import cn.shanghai.techfinance.contracts.bank.PolicyIssued;
import cn.shanghai.techfinance.contracts.bank.PremiumPaid;
import cn.shanghai.techfinance.contracts.bank.Program;
import cn.shanghai.techfinance.contracts.bank.Qualification;
import cn.shanghai.techfinance.contracts.bank.QualificationType;
import cn.shanghai.techfinance.contracts.bank.TechPolicyCancelled;
import cn.shanghai.techfinance.contracts.bank.TechPolicyIssued;
import cn.shanghai.techfinance.contracts.bank.TechPolicyLine;
import cn.shanghai.techfinance.contracts.bank.TechPremiumPaid;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, reproducible population of firms, LYD approvals and HKZD loans over several banks, and
 * 科技保险 policies over several insurers. The scenario is kept as plain parameters ({@link Scenario})
 * for {@link IndependentClaimOracle}, and as the bank, insurer and credit-platform events that tell it
 * ({@link Scenario#events()}).
 */
final class PopulationGenerator {

    /** The business dates every trigger (settlement, paidOn) and default falls on; one night each. */
    static final List<LocalDate> NIGHTS = List.of(LocalDate.of(2024, 6, 14), LocalDate.of(2024, 11, 15),
            LocalDate.of(2025, 3, 14), LocalDate.of(2025, 5, 20), LocalDate.of(2025, 6, 16), LocalDate.of(2025, 9, 15),
            LocalDate.of(2025, 12, 15), LocalDate.of(2026, 1, 15), LocalDate.of(2026, 3, 16), LocalDate.of(2026, 6, 15),
            LocalDate.of(2026, 9, 15), LocalDate.of(2027, 3, 15));

    record FirmSpec(String uscc, String industry, String district, int employees, BigDecimal revenue, BigDecimal assets,
                    LocalDate hnteFrom, LocalDate hnteTo, LocalDate listedOn, LocalDate clearedOn) {
        Firm toFirm() {
            List<Qualification> q = hnteFrom == null ? List.of()
                    : List.of(new Qualification(QualificationType.HNTE, "GR" + uscc.substring(8), hnteFrom, hnteTo));
            return new Firm(uscc, "上海人口测试科技有限公司", industry, district, employees, revenue, assets, q);
        }
    }

    record Payment(BigDecimal amount, LocalDate paidOn) {
    }

    /** An LYD contract with its one policy. settledOn null: renewed by a later contract (settled at maturityOn). */
    record LydContract(String contractNo, LocalDate disbursedOn, LocalDate maturityOn, LocalDate settledOn,
                       String renewalOf, boolean overdue, String policyNo, List<Payment> premiums) {
    }

    record LydApproval(String bank, String applicationNo, String approvalNo, FirmSpec firm, List<LydContract> contracts) {
    }

    record Instalment(int no, BigDecimal interest, LocalDate dueOn, LocalDate paidOn) {
    }

    record HkzdLoan(String bank, String applicationNo, String approvalNo, String contractNo, FirmSpec firm, boolean firstLoan,
                    BigDecimal annualRate, BigDecimal lpr1y, LocalDate disbursedOn, LocalDate maturityOn, LocalDate defaultedOn,
                    List<Instalment> instalments) {
    }

    /**
     * A 科技保险 policy: {@code line} one of techpolicy.issued's; its premium paid by {@code payments},
     * in full or not; {@code cancelledOn} null if never cancelled.
     */
    record TechPolicySpec(String insurer, String policyNo, String line, FirmSpec firm, LocalDate startOn, BigDecimal premium,
                          List<Payment> payments, LocalDate cancelledOn) {
    }

    record Scenario(List<String> banks, List<String> insurers, List<FirmSpec> firms, List<LydApproval> lyd, List<HkzdLoan> hkzd,
                    List<TechPolicySpec> techPolicies, List<BankEvent> events) {
    }

    private final Random random;
    private final List<String> banks;
    private final List<FirmSpec> firms = new ArrayList<>();
    private final List<LydApproval> lyd = new ArrayList<>();
    private final List<HkzdLoan> hkzd = new ArrayList<>();
    private final List<TechPolicySpec> techPolicies = new ArrayList<>();
    private final List<BankEvent> events = new ArrayList<>();
    private int seq;

    private PopulationGenerator(long seed, List<String> banks) {
        this.random = new Random(seed);
        this.banks = banks;
    }

    /** {@code insurers} empty: no 科技保险 policies. */
    static Scenario generate(long seed, List<String> banks, List<String> insurers, int firmCount, int firstFirmNo) {
        PopulationGenerator g = new PopulationGenerator(seed, banks);
        for (int i = 0; i < firmCount; i++) {
            g.firm(firstFirmNo + i, i);
        }
        if (!insurers.isEmpty()) {
            // a random of their own: the loans of a seed stay what they were before insurers came
            Random insurance = new Random(seed + 1);
            for (FirmSpec firm : g.firms) {
                g.techPolicies(insurance, insurers, firm);
            }
        }
        return new Scenario(banks, insurers, List.copyOf(g.firms), List.copyOf(g.lyd), List.copyOf(g.hkzd), List.copyOf(g.techPolicies),
                List.copyOf(g.events));
    }

    /**
     * About a third of the firms insure R&D risks: one to three policies, each paid in full on a night
     * (at once, or the rest after a first part), some never in full; a few cancelled; some lines not
     * covered; a big firm's premiums cross the policy's and the calendar year's caps.
     */
    private void techPolicies(Random insurance, List<String> insurers, FirmSpec firm) {
        if (insurance.nextInt(100) >= 35) {
            return;
        }
        boolean big = insurance.nextInt(100) < 15;
        int n = 1 + insurance.nextInt(big ? 3 : 2);
        for (int i = 0; i < n; i++) {
            String insurer = insurers.get(insurance.nextInt(insurers.size()));
            String policyNo = "TP-" + (++seq);
            int line = insurance.nextInt(100);
            String lineName = line < 12 ? "OTHER"
                    : List.of("RD_EXPENSE_LOSS", "DELIVERY_ASSURANCE", "THIRD_PARTY_LIABILITY", "KEY_EQUIPMENT").get(line % 4);
            int night = 1 + insurance.nextInt(NIGHTS.size() - 1);
            LocalDate paidInFull = NIGHTS.get(night);
            LocalDate startOn = paidInFull.minusDays(5 + insurance.nextInt(60));
            BigDecimal premium = big ? money(insurance, 500_000, 1_300_000) : money(insurance, 5_000, 200_000);
            List<Payment> payments = new ArrayList<>();
            int paying = insurance.nextInt(100);
            if (paying < 30) {
                BigDecimal first = premium.divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN);
                payments.add(new Payment(first, startOn.plusDays(1 + insurance.nextInt(4))));
                if (paying >= 8) {
                    payments.add(new Payment(premium.subtract(first), paidInFull));
                } // else never paid in full: no claim
            } else {
                payments.add(new Payment(premium, paidInFull));
            }
            LocalDate cancelledOn = insurance.nextInt(100) < 15
                    ? NIGHTS.get(night + insurance.nextInt(NIGHTS.size() - night)) : null;
            TechPolicySpec policy = new TechPolicySpec(insurer, policyNo, lineName, firm, startOn, premium, List.copyOf(payments),
                    cancelledOn);
            techPolicies.add(policy);
            insurer(insurer, startOn, new TechPolicyIssued(policyNo, TechPolicyLine.valueOf(lineName), firm.toFirm(),
                    premium.multiply(BigDecimal.valueOf(50)), premium, startOn, startOn.plusYears(1).minusDays(1)));
            for (Payment p : payments) {
                insurer(insurer, p.paidOn(), new TechPremiumPaid(policyNo, p.amount(), p.paidOn()));
            }
            if (cancelledOn != null) {
                insurer(insurer, cancelledOn, new TechPolicyCancelled(policyNo, cancelledOn));
            }
        }
    }

    private void firm(int no, int index) {
        String uscc = Uscc.withCheckCharacter(String.format("91310115PG%07d", no));
        boolean techService = random.nextInt(100) < 30;
        String industry = techService ? pick("7320", "7410", "7511", "7490") : pick("3911", "2710", "6511", "3562");
        String district = random.nextInt(100) < 6 ? pick("320102", "330106") : pick("310104", "310115", "310112");
        LocalDate hnteFrom = null;
        LocalDate hnteTo = null;
        int q = random.nextInt(100);
        if (techService ? q < 40 : q < 85) {
            hnteFrom = LocalDate.of(2023, 1, 1);
            hnteTo = LocalDate.of(2027, 12, 31);
        } else if (!techService && q < 92) {
            hnteFrom = LocalDate.of(2022, 1, 1);
            hnteTo = LocalDate.of(2024, 12, 31); // expired for later loans
        }
        int employees = 20 + random.nextInt(400);
        BigDecimal revenue = money(5_000_000, 150_000_000);
        BigDecimal assets = money(5_000_000, 150_000_000);
        int size = random.nextInt(100);
        if (size < 4) {
            employees = 501 + random.nextInt(300);
        } else if (size < 7) {
            revenue = new BigDecimal("200000000.01");
        } else if (size < 10) {
            assets = money(200_000_001, 260_000_000);
        } else if (size < 12) {
            employees = 500;
            revenue = new BigDecimal("200000000.00"); // exactly at the limits: passes
            assets = new BigDecimal("200000000.00");
        }
        LocalDate listedOn = null;
        LocalDate clearedOn = null;
        if (random.nextInt(100) < 8) {
            int l = random.nextInt(NIGHTS.size() - 2);
            listedOn = random.nextBoolean() ? NIGHTS.get(l) : NIGHTS.get(l).plusDays(random.nextInt(40));
            if (random.nextBoolean()) {
                clearedOn = random.nextBoolean() ? NIGHTS.get(l + 1 + random.nextInt(NIGHTS.size() - l - 1))
                        : listedOn.plusDays(1 + random.nextInt(200));
            }
        }
        FirmSpec firm = new FirmSpec(uscc, industry, district, employees, revenue, assets, hnteFrom, hnteTo, listedOn, clearedOn);
        firms.add(firm);
        if (listedOn != null) {
            credit(listedOn, new FirmDishonestyListed(uscc, listedOn));
            if (clearedOn != null) {
                credit(clearedOn, new FirmDishonestyCleared(uscc, clearedOn));
            }
        }
        int programme = random.nextInt(100);
        boolean big = random.nextInt(100) < 10;
        if (programme < 65) {
            lydFirm(firm, big, index);
        }
        if (programme >= 55) {
            hkzdFirm(firm, big, index);
        }
    }

    private void lydFirm(FirmSpec firm, boolean big, int index) {
        if (big) {
            // several big premiums settling within one subsidy year: crosses the 500,000.00 cap
            int year = random.nextBoolean() ? 5 : 8; // 2025-09-15.. (SY2026) or 2026-03-16.. (SY2026) idx
            int n = 3 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                int s = year + random.nextInt(3); // 5..7 = SY2026 (2025-09-15, 2025-12-15, 2026-01-15); 8..10 = 2026-03-16.., 2026-09-15 = SY2027
                String bank = banks.get(random.nextInt(banks.size()));
                lydSimple(bank, firm, NIGHTS.get(s), money(150_000, 420_000), index, random.nextInt(100) < 10);
            }
            return;
        }
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            String bank = banks.get(random.nextInt(banks.size()));
            int kind = random.nextInt(100);
            if (kind < 12) {
                tranches(bank, firm, index);
            } else if (kind < 24) {
                renewal(bank, firm, index);
            } else {
                int s = random.nextInt(NIGHTS.size());
                lydSimple(bank, firm, NIGHTS.get(s), money(8_000, 90_000), index, random.nextInt(100) < 7);
            }
        }
    }

    private String key(int index) {
        return String.format("%03d-%04d", index, ++seq);
    }

    private void lydSimple(String bank, FirmSpec firm, LocalDate settledOn, BigDecimal premium, int index, boolean overdue) {
        String k = key(index);
        LocalDate disbursed = settledOn.minusDays(150 + random.nextInt(180));
        LydContract c = contract(k, "", disbursed, settledOn.plusDays(random.nextInt(20)), settledOn, null, overdue, premium);
        lydApproval(bank, firm, k, List.of(c));
    }

    private void tranches(String bank, FirmSpec firm, int index) {
        String k = key(index);
        int s1 = random.nextInt(NIGHTS.size());
        int s2 = s1 + random.nextInt(NIGHTS.size() - s1);
        LocalDate d1 = NIGHTS.get(s1).minusDays(150 + random.nextInt(100));
        LydContract c1 = contract(k, "-1", d1, NIGHTS.get(s1).plusDays(random.nextInt(20)), NIGHTS.get(s1), null,
                random.nextInt(100) < 5, money(8_000, 60_000));
        LydContract c2 = contract(k, "-2", d1.plusDays(10 + random.nextInt(30)), NIGHTS.get(s2).plusDays(random.nextInt(20)),
                NIGHTS.get(s2), null, false, money(8_000, 60_000));
        lydApproval(bank, firm, k, List.of(c1, c2));
    }

    private void renewal(String bank, FirmSpec firm, int index) {
        int m = 1 + random.nextInt(NIGHTS.size() - 2);
        int s = m + 1 + random.nextInt(NIGHTS.size() - m - 1);
        LocalDate maturity = NIGHTS.get(m);
        String k = key(index);
        LydContract old = contract(k, "-0", maturity.minusDays(200 + random.nextInt(100)), maturity, null, null, false,
                money(8_000, 60_000));
        LydContract renewed = contract(k, "-R", maturity, NIGHTS.get(s).plusDays(random.nextInt(20)), NIGHTS.get(s), old.contractNo(),
                false, money(8_000, 60_000));
        if (random.nextBoolean()) {
            lydApproval(bank, firm, k, List.of(old, renewed)); // renewal under the same approval
        } else {
            lydApproval(bank, firm, k, List.of(old)); // the old approval triggers at the old maturity
            lydApproval(bank, firm, key(index), List.of(renewed));
        }
    }

    private LydContract contract(String k, String suffix, LocalDate disbursed, LocalDate maturity, LocalDate settled, String renewalOf,
                                 boolean overdue, BigDecimal premium) {
        List<Payment> payments = new ArrayList<>();
        LocalDate end = settled != null ? settled : maturity;
        if (random.nextInt(100) < 25) {
            BigDecimal first = premium.divide(BigDecimal.valueOf(3), 2, java.math.RoundingMode.DOWN);
            payments.add(new Payment(first, disbursed.plusDays(random.nextInt(10))));
            payments.add(new Payment(premium.subtract(first), disbursed.plusDays(30 + random.nextInt(30))));
        } else {
            payments.add(new Payment(premium, random.nextInt(100) < 5 ? end : disbursed.plusDays(random.nextInt(20))));
        }
        if (random.nextInt(100) < 10) {
            payments.add(new Payment(money(1_000, 9_000), end.plusDays(1 + random.nextInt(20)))); // after settlement: not in base
        }
        return new LydContract("C-" + k + suffix, disbursed, maturity, settled, renewalOf, overdue, "Y-" + k + suffix, payments);
    }

    private void lydApproval(String bank, FirmSpec firm, String k, List<LydContract> contracts) {
        LydApproval a = new LydApproval(bank, "A-" + k, "P-" + k, firm, contracts);
        lyd.add(a);
        LocalDate first = contracts.get(0).disbursedOn();
        BigDecimal principal = new BigDecimal("3000000.00");
        bank(bank, first.minusDays(10), new LoanApplied(a.applicationNo(), Program.LYD, random.nextBoolean(), false, principal, 12,
                firm.toFirm()));
        bank(bank, first.minusDays(5), new LoanApproved(a.applicationNo(), a.approvalNo(), principal));
        for (LydContract c : contracts) {
            bank(bank, c.disbursedOn(), new LoanDisbursed(c.contractNo(), a.approvalNo(), principal, new BigDecimal("0.0345"),
                    new BigDecimal("0.0310"), c.disbursedOn(), c.maturityOn(), c.renewalOf()));
            BigDecimal total = c.premiums().stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            bank(bank, c.disbursedOn(), new PolicyIssued(c.policyNo(), "PICC-SH", c.contractNo(), principal, new BigDecimal("0.015"),
                    total, c.disbursedOn()));
            for (Payment p : c.premiums()) {
                bank(bank, p.paidOn(), new PremiumPaid(c.policyNo(), p.amount(), p.paidOn()));
            }
            if (c.overdue()) {
                LocalDate due = c.disbursedOn().plusDays(60);
                bank(bank, due.plusDays(1), new LoanOverdue(c.contractNo(), due, new BigDecimal("10000.00")));
            }
        }
        for (LydContract c : contracts) {
            if (c.settledOn() != null) {
                bank(bank, c.settledOn(), new LoanSettled(c.contractNo(), c.settledOn()));
            }
        }
    }

    private void hkzdFirm(FirmSpec firm, boolean big, int index) {
        int loans = big ? 1 + random.nextInt(2) : 1 + random.nextInt(2);
        for (int l = 0; l < loans; l++) {
            String bank = banks.get(random.nextInt(banks.size()));
            String k = key(index);
            boolean firstLoan = l == 0 && random.nextInt(100) < 40;
            BigDecimal lpr = new BigDecimal(pick("0.0345", "0.0310", "0.0300"));
            BigDecimal rate = random.nextInt(100) < 30 ? new BigDecimal(pick("0.0480", "0.0500", "0.05555", "0.062")) : new BigDecimal(
                    pick("0.0345", "0.0380", "0.0295", "0.042"));
            int start = big ? 0 : random.nextInt(NIGHTS.size() - 1);
            LocalDate disbursed = NIGHTS.get(start).minusDays(20 + random.nextInt(120));
            List<Instalment> inst = new ArrayList<>();
            int n = 0;
            for (int i = start; i < NIGHTS.size(); i++) {
                if (big || random.nextInt(100) < 45) {
                    LocalDate paid = NIGHTS.get(i);
                    int o = random.nextInt(100);
                    LocalDate due = o < 8 ? paid.minusDays(1 + random.nextInt(5)) : paid.plusDays(o < 30 ? 0 : random.nextInt(6));
                    BigDecimal interest = big ? money(300_000, 1_300_000) : money(3_000, 80_000);
                    inst.add(new Instalment(++n, interest, due, paid));
                }
            }
            if (inst.isEmpty()) {
                LocalDate paid = NIGHTS.get(start);
                inst.add(new Instalment(++n, money(3_000, 80_000), paid, paid));
            }
            LocalDate defaulted = null;
            if (inst.size() >= 2 && random.nextInt(100) < 15) {
                int after = 1 + random.nextInt(inst.size() - 1);
                LocalDate p = inst.get(after).paidOn();
                int pi = NIGHTS.indexOf(p);
                defaulted = random.nextBoolean() ? p : NIGHTS.get(pi - 1).plusDays(1 + random.nextInt(20)); // on / before a payment
                if (!defaulted.isAfter(inst.get(after - 1).paidOn())) {
                    defaulted = p;
                }
            }
            HkzdLoan loan = new HkzdLoan(bank, "HA-" + k, "HP-" + k, "HC-" + k, firm, firstLoan, rate, lpr, disbursed,
                    LocalDate.of(2028, 6, 30), defaulted, List.copyOf(inst));
            hkzd.add(loan);
            BigDecimal principal = new BigDecimal("50000000.00");
            bank(bank, disbursed.minusDays(10), new LoanApplied(loan.applicationNo(), Program.HKZD, firstLoan, true, principal, 48,
                    firm.toFirm()));
            bank(bank, disbursed.minusDays(5), new LoanApproved(loan.applicationNo(), loan.approvalNo(), principal));
            bank(bank, disbursed, new LoanDisbursed(loan.contractNo(), loan.approvalNo(), principal, rate, lpr, disbursed,
                    loan.maturityOn(), null));
            for (Instalment i : inst) {
                bank(bank, i.paidOn(), new InterestPaid(loan.contractNo(), i.no(), i.dueOn().minusMonths(3), i.dueOn().minusDays(1),
                        i.interest(), i.dueOn(), i.paidOn()));
            }
            if (defaulted != null) {
                bank(bank, defaulted, new LoanDefaulted(loan.contractNo(), defaulted, principal, new BigDecimal("50000.00")));
            }
        }
    }

    private BigDecimal money(long min, long max) {
        return money(random, min, max);
    }

    private static BigDecimal money(Random random, long min, long max) {
        long cents = min * 100 + (long) (random.nextDouble() * (max - min) * 100);
        return BigDecimal.valueOf(cents, 2);
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    private void bank(String bank, LocalDate day, EventData data) {
        events.add(new BankEvent("POP-" + (++seq) + "-" + bank, EventSource.bank(bank),
                OffsetDateTime.of(day.atTime(10, 0), ZoneOffset.ofHours(8)), data));
    }

    private void insurer(String insurer, LocalDate day, EventData data) {
        events.add(new BankEvent("POP-" + (++seq) + "-" + insurer, EventSource.insurer(insurer),
                OffsetDateTime.of(day.atTime(11, 0), ZoneOffset.ofHours(8)), data));
    }

    private void credit(LocalDate day, EventData data) {
        events.add(new BankEvent("POP-CREDIT-" + (++seq), EventSource.CREDIT_PLATFORM,
                OffsetDateTime.of(day.atTime(9, 0), ZoneOffset.ofHours(8)), data));
    }
}
