package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.nightly.PopulationGenerator.FirmSpec;
import cn.shanghai.techfinance.subsidy.nightly.PopulationGenerator.HkzdLoan;
import cn.shanghai.techfinance.subsidy.nightly.PopulationGenerator.Instalment;
import cn.shanghai.techfinance.subsidy.nightly.PopulationGenerator.LydApproval;
import cn.shanghai.techfinance.subsidy.nightly.PopulationGenerator.LydContract;
import cn.shanghai.techfinance.subsidy.nightly.PopulationGenerator.Scenario;
import cn.shanghai.techfinance.subsidy.nightly.PopulationGenerator.TechPolicySpec;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims subsidy-rules.md says a scenario gives, computed here from the scenario's parameters
 * with the document's formulas and default parameters only — no code of the rules or the job (only
 * the claims' ids are {@link ClaimRecord#claimId}'s, which names a claim, not computes it). All
 * nights are assumed run, one per trigger date, in date order, after every event arrived.
 */
final class IndependentClaimOracle {

    /** {@code label}: the claim's bank and approval, bank, contract and instalment, or insurer and policy, for people to read. */
    record Expected(String claimId, String label, String status, BigDecimal amount, String reasons, BigDecimal base,
                    BigDecimal ratio, LocalDate trigger) {
    }

    // subsidy-rules.md defaults
    static final LocalDate TECH_SERVICE_FROM = LocalDate.of(2025, 5, 22);
    static final LocalDate FIRST_SUBSIDY_YEAR_START = LocalDate.of(2024, 9, 1);
    static final BigDecimal LYD_RATIO = new BigDecimal("0.50");
    static final BigDecimal LYD_TECH_SERVICE_RATIO = new BigDecimal("0.70");
    static final BigDecimal LYD_CAP = new BigDecimal("500000.00");
    static final BigDecimal HKZD_RATIO = new BigDecimal("0.50");
    static final BigDecimal HKZD_FIRST_LOAN_RATIO = new BigDecimal("0.70");
    static final BigDecimal RATE_CAP_MULTIPLIER = new BigDecimal("1.4");
    static final BigDecimal HKZD_YEAR_CAP = new BigDecimal("1000000.00");
    static final BigDecimal HKZD_LIFETIME_CAP = new BigDecimal("3000000.00");
    static final BigDecimal SME_MAX_MONEY = new BigDecimal("200000000.00");
    static final BigDecimal TECH_INSURANCE_RATIO = new BigDecimal("0.50");
    static final BigDecimal TECH_INSURANCE_POLICY_CAP = new BigDecimal("500000.00");
    static final BigDecimal TECH_INSURANCE_YEAR_CAP = new BigDecimal("1000000.00");
    static final Set<String> TECH_INSURANCE_LINES = Set.of("RD_EXPENSE_LOSS", "DELIVERY_ASSURANCE", "THIRD_PARTY_LIABILITY",
            "KEY_EQUIPMENT");
    static final List<String> REASON_ORDER = List.of("NOT_SHANGHAI", "NOT_TECH_FIRM", "SIZE_EXCEEDED", "LINE_NOT_COVERED", "OVERDUE",
            "LOAN_DEFAULTED", "OUT_OF_WINDOW", "DISHONESTY_LISTED");
    static final List<String> ALL_REASONS = List.of("NOT_SHANGHAI", "NOT_TECH_FIRM", "SIZE_EXCEEDED", "LINE_NOT_COVERED", "OVERDUE",
            "LOAN_DEFAULTED", "OUT_OF_WINDOW", "DISHONESTY_LISTED", "RATE_CAPPED", "CAP_PARTIAL", "CAP_REACHED", "POLICY_CANCELLED");

    private IndependentClaimOracle() {
    }

    static Map<String, Expected> expectedClaims(Scenario s) {
        Map<String, Expected> out = new LinkedHashMap<>();
        lyd(s, out);
        hkzd(s, out);
        techInsurance(s, out);
        return out;
    }

    private static boolean techIndustry(FirmSpec f) {
        return f.industry().startsWith("73") || f.industry().startsWith("74") || f.industry().startsWith("75");
    }

    private static boolean shanghai(FirmSpec f) {
        return f.district().startsWith("31");
    }

    /** §2 condition 2 (condition 1, Shanghai, is its own reason NOT_SHANGHAI). */
    private static boolean techAsOf(FirmSpec f, LocalDate on) {
        boolean qualified = f.hnteFrom() != null && !on.isBefore(f.hnteFrom()) && !on.isAfter(f.hnteTo());
        return qualified || (techIndustry(f) && !on.isBefore(TECH_SERVICE_FROM));
    }

    private static boolean listed(FirmSpec f, LocalDate trigger) {
        return f.listedOn() != null && !f.listedOn().isAfter(trigger) && (f.clearedOn() == null || f.clearedOn().isAfter(trigger));
    }

    private static String join(Set<String> reasons, List<String> notes) {
        List<String> all = new ArrayList<>();
        REASON_ORDER.stream().filter(reasons::contains).forEach(all::add);
        all.addAll(notes);
        return String.join(";", all);
    }

    private record Pending(String claimId, String label, String firm, LocalDate trigger, String bank, String unit, int inst,
                           Set<String> reasons, boolean rateCapped, BigDecimal base, BigDecimal ratio, BigDecimal amount,
                           boolean cancelLater) {
    }

    private static void lyd(Scenario s, Map<String, Expected> out) {
        Set<String> renewed = new HashSet<>();
        s.lyd().forEach(a -> a.contracts().forEach(c -> {
            if (c.renewalOf() != null) {
                renewed.add(a.bank() + "|" + c.renewalOf());
            }
        }));
        List<Pending> pending = new ArrayList<>();
        for (LydApproval a : s.lyd()) {
            LocalDate settlement = null;
            LocalDate firstDisbursed = null;
            boolean overdue = false;
            for (LydContract c : a.contracts()) {
                LocalDate settled = renewed.contains(a.bank() + "|" + c.contractNo()) ? c.maturityOn() : c.settledOn();
                settlement = settlement == null || settled.isAfter(settlement) ? settled : settlement;
                firstDisbursed = firstDisbursed == null || c.disbursedOn().isBefore(firstDisbursed) ? c.disbursedOn() : firstDisbursed;
                overdue |= c.overdue();
            }
            FirmSpec f = a.firm();
            Set<String> reasons = new HashSet<>();
            if (!shanghai(f)) {
                reasons.add("NOT_SHANGHAI");
            }
            if (!techAsOf(f, firstDisbursed)) {
                reasons.add("NOT_TECH_FIRM");
            }
            if (f.employees() > 500 || f.revenue().compareTo(SME_MAX_MONEY) > 0 || f.assets().compareTo(SME_MAX_MONEY) > 0) {
                reasons.add("SIZE_EXCEEDED");
            }
            if (overdue) {
                reasons.add("OVERDUE");
            }
            if (settlement.isBefore(FIRST_SUBSIDY_YEAR_START)) {
                reasons.add("OUT_OF_WINDOW");
            }
            if (listed(f, settlement)) {
                reasons.add("DISHONESTY_LISTED");
            }
            BigDecimal base = BigDecimal.ZERO.setScale(2);
            for (LydContract c : a.contracts()) {
                for (PopulationGenerator.Payment p : c.premiums()) {
                    if (!p.paidOn().isAfter(settlement)) {
                        base = base.add(p.amount());
                    }
                }
            }
            BigDecimal ratio = techIndustry(f) && !settlement.isBefore(TECH_SERVICE_FROM) ? LYD_TECH_SERVICE_RATIO : LYD_RATIO;
            BigDecimal amount = base.multiply(ratio).setScale(2, RoundingMode.HALF_UP);
            pending.add(new Pending(ClaimRecord.claimId(Program.LYD, a.bank(), a.approvalNo(), null, null),
                    "LYD " + a.bank() + " " + a.approvalNo(), f.uscc(), settlement, a.bank(), a.approvalNo(), 0,
                    reasons, false, base, ratio, amount, false));
        }
        pending.sort(Comparator.comparing(Pending::trigger).thenComparing(Pending::bank).thenComparing(Pending::unit));
        Map<String, BigDecimal> used = new HashMap<>();
        for (Pending p : pending) {
            if (!p.reasons().isEmpty()) {
                out.put(p.claimId(), ineligible(p));
                continue;
            }
            int sy = p.trigger().getYear() + (p.trigger().getMonthValue() >= 9 ? 1 : 0);
            String bucket = p.firm() + "|SY" + sy;
            BigDecimal remaining = LYD_CAP.subtract(used.getOrDefault(bucket, zero()));
            List<String> notes = new ArrayList<>();
            BigDecimal granted = capped(p.amount(), remaining, notes);
            used.merge(bucket, granted, BigDecimal::add);
            out.put(p.claimId(), new Expected(p.claimId(), p.label(), "COMPUTED", granted, join(Set.of(), notes), p.base(), p.ratio(),
                    p.trigger()));
        }
    }

    private static void hkzd(Scenario s, Map<String, Expected> out) {
        List<Pending> pending = new ArrayList<>();
        MathContext mc = new MathContext(34);
        for (HkzdLoan l : s.hkzd()) {
            FirmSpec f = l.firm();
            BigDecimal ratio = l.firstLoan() ? HKZD_FIRST_LOAN_RATIO : HKZD_RATIO;
            BigDecimal capRate = l.lpr1y().multiply(RATE_CAP_MULTIPLIER);
            boolean capped = l.annualRate().compareTo(capRate) > 0;
            for (Instalment i : l.instalments()) {
                Set<String> reasons = new HashSet<>();
                if (!shanghai(f)) {
                    reasons.add("NOT_SHANGHAI");
                }
                if (!techAsOf(f, l.disbursedOn())) {
                    reasons.add("NOT_TECH_FIRM");
                }
                if (i.paidOn().isAfter(i.dueOn())) {
                    reasons.add("OVERDUE");
                }
                if (l.defaultedOn() != null && !i.paidOn().isBefore(l.defaultedOn())) {
                    reasons.add("LOAN_DEFAULTED");
                }
                if (listed(f, i.paidOn())) {
                    reasons.add("DISHONESTY_LISTED");
                }
                BigDecimal raw = capped
                        ? i.interest().multiply(capRate, mc).multiply(ratio, mc).divide(l.annualRate(), mc)
                        : i.interest().multiply(ratio, mc);
                BigDecimal amount = raw.setScale(2, RoundingMode.HALF_UP);
                boolean cancel = l.defaultedOn() != null && i.paidOn().isBefore(l.defaultedOn());
                pending.add(new Pending(ClaimRecord.claimId(Program.HKZD, l.bank(), null, l.contractNo(), i.no()),
                        "HKZD " + l.bank() + " " + l.contractNo() + " #" + i.no(), f.uscc(), i.paidOn(), l.bank(),
                        l.contractNo(), i.no(), reasons, capped, i.interest(), ratio, amount, cancel));
            }
        }
        pending.sort(Comparator.comparing(Pending::trigger).thenComparing(Pending::bank).thenComparing(Pending::unit)
                .thenComparingInt(Pending::inst));
        Map<String, BigDecimal> used = new HashMap<>();
        for (Pending p : pending) {
            if (!p.reasons().isEmpty()) {
                out.put(p.claimId(), ineligible(p));
                continue;
            }
            String year = p.firm() + "|Y" + p.trigger().getYear();
            String life = p.firm() + "|LIFE";
            BigDecimal remaining = HKZD_YEAR_CAP.subtract(used.getOrDefault(year, zero()))
                    .min(HKZD_LIFETIME_CAP.subtract(used.getOrDefault(life, zero())));
            List<String> notes = new ArrayList<>();
            if (p.rateCapped()) {
                notes.add("RATE_CAPPED");
            }
            BigDecimal granted = capped(p.amount(), remaining, notes);
            used.merge(year, granted, BigDecimal::add);
            used.merge(life, granted, BigDecimal::add);
            if (p.cancelLater()) {
                notes.add("LOAN_DEFAULTED");
            }
            out.put(p.claimId(), new Expected(p.claimId(), p.label(), p.cancelLater() ? "CANCELLED" : "COMPUTED", granted,
                    join(Set.of(), notes), p.base(), p.ratio(), p.trigger()));
        }
    }

    /** §4a: one claim per policy paid in full; its caps the policy's and the firm's calendar year's. */
    private static void techInsurance(Scenario s, Map<String, Expected> out) {
        List<Pending> pending = new ArrayList<>();
        for (TechPolicySpec p : s.techPolicies()) {
            LocalDate trigger = null;
            BigDecimal paid = zero();
            for (PopulationGenerator.Payment payment : p.payments().stream()
                    .sorted(Comparator.comparing(PopulationGenerator.Payment::paidOn)).toList()) {
                paid = paid.add(payment.amount());
                if (trigger == null && paid.compareTo(p.premium()) >= 0) {
                    trigger = payment.paidOn();
                }
            }
            if (trigger == null) {
                continue; // never paid in full: no claim
            }
            FirmSpec f = p.firm();
            Set<String> reasons = new HashSet<>();
            if (!shanghai(f)) {
                reasons.add("NOT_SHANGHAI");
            }
            if (!techAsOf(f, p.startOn())) {
                reasons.add("NOT_TECH_FIRM");
            }
            if (!TECH_INSURANCE_LINES.contains(p.line())) {
                reasons.add("LINE_NOT_COVERED");
            }
            if (listed(f, trigger)) {
                reasons.add("DISHONESTY_LISTED");
            }
            LocalDate t = trigger;
            BigDecimal base = p.payments().stream().filter(payment -> !payment.paidOn().isAfter(t))
                    .map(PopulationGenerator.Payment::amount).reduce(zero(), BigDecimal::add).min(p.premium());
            BigDecimal amount = base.multiply(TECH_INSURANCE_RATIO).setScale(2, RoundingMode.HALF_UP);
            pending.add(new Pending(ClaimRecord.claimId(Program.TECH_INSURANCE, p.insurer(), p.policyNo(), null, null),
                    "TECH " + p.insurer() + " " + p.policyNo(), f.uscc(), trigger, p.insurer(), p.policyNo(), 0, reasons, false, base,
                    TECH_INSURANCE_RATIO, amount, p.cancelledOn() != null));
        }
        pending.sort(Comparator.comparing(Pending::trigger).thenComparing(Pending::bank).thenComparing(Pending::unit));
        Map<String, BigDecimal> used = new HashMap<>();
        for (Pending p : pending) {
            if (!p.reasons().isEmpty()) {
                out.put(p.claimId(), ineligible(p));
                continue;
            }
            String year = p.firm() + "|Y" + p.trigger().getYear();
            BigDecimal remaining = TECH_INSURANCE_POLICY_CAP.min(TECH_INSURANCE_YEAR_CAP.subtract(used.getOrDefault(year, zero())));
            List<String> notes = new ArrayList<>();
            BigDecimal granted = capped(p.amount(), remaining, notes);
            used.merge(year, granted, BigDecimal::add);
            // cancelled (退保) before any payment of the claim: CANCELLED, its cap not given back
            if (p.cancelLater()) {
                notes.add("POLICY_CANCELLED");
            }
            out.put(p.claimId(), new Expected(p.claimId(), p.label(), p.cancelLater() ? "CANCELLED" : "COMPUTED", granted,
                    join(Set.of(), notes), p.base(), p.ratio(), p.trigger()));
        }
    }

    private static Expected ineligible(Pending p) {
        return new Expected(p.claimId(), p.label(), "INELIGIBLE", zero(), join(p.reasons(), List.of()), p.base(), p.ratio(), p.trigger());
    }

    /** §6: at most what the caps leave; cut, the claim notes CAP_PARTIAL, or CAP_REACHED when nothing was left. */
    private static BigDecimal capped(BigDecimal amount, BigDecimal remaining, List<String> notes) {
        if (amount.compareTo(remaining) <= 0) {
            return amount;
        }
        notes.add(remaining.signum() > 0 ? "CAP_PARTIAL" : "CAP_REACHED");
        return remaining;
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }
}
