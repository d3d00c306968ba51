package cn.shanghai.techfinance.subsidy.whatif;

import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.PricedClaim;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.WhatIf;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a what-if found, before (current rules) → after (the draft): per programme the claims (an
 * amount above 0.00) and total; the same by month of trigger, by industry (GB/T 4754 division, the
 * code's first two digits) and by district; the firms that gain, lose, become eligible or
 * ineligible; the claims the caps cut; each budget year's budget and the month it would run out;
 * and every priced claim.
 */
public record WhatIfResult(long id, LocalDate from, LocalDate to, String status, String createdBy, String draft,
                           List<Totals> programs, List<Totals> byMonth, List<Totals> byIndustry, List<Totals> byDistrict,
                           List<FirmChange> firms, List<CapEffect> caps, List<BudgetEffect> budgets, List<ClaimChange> claims) {

    private static final BigDecimal ZERO = new BigDecimal("0.00");

    /** @param key the programme, month (YYYY-MM), industry division or district the row sums; difference = totalAfter − totalBefore */
    public record Totals(String program, String key, int claimsBefore, BigDecimal totalBefore, int claimsAfter, BigDecimal totalAfter,
                         BigDecimal difference) {
    }

    public enum Change {
        GAINS, LOSES, BECOMES_ELIGIBLE, BECOMES_INELIGIBLE
    }

    /** A firm whose claims of a programme change: eligible means at least one claim of the programme is not INELIGIBLE. */
    public record FirmChange(String program, String uscc, Change change, BigDecimal totalBefore, BigDecimal totalAfter,
                             BigDecimal difference) {
    }

    /** Claims the caps cut (CAP_PARTIAL) or left at 0.00 (CAP_REACHED), before and after. */
    public record CapEffect(String program, int partialBefore, int reachedBefore, int partialAfter, int reachedAfter) {
    }

    /**
     * A programme's budget of a year against its claims of that year, by trigger date (the settlement that pays them is
     * prepared later, so this is the earliest the budget could run out): what claims triggered that year before the
     * period took, plus the period's, month by month.
     *
     * @param budget the budget (the draft's, if it sets one); null when the year has none
     * @param runsOutBefore first month whose running total exceeds the budget under the current rules; null if none
     */
    public record BudgetEffect(String program, int year, BigDecimal budget, BigDecimal earlier, BigDecimal totalBefore,
                               BigDecimal totalAfter, YearMonth runsOutBefore, YearMonth runsOutAfter) {
    }

    public record ClaimChange(String claimId, String program, String bankCode, String uscc, String industryCode, String district,
                              LocalDate triggerDate, BigDecimal base, String beforeStatus, BigDecimal beforeAmount, String beforeReasons,
                              String afterStatus, BigDecimal afterAmount, String afterReasons, BigDecimal difference) {
    }

    /**
     * @param budgets each programme's budget per year, the draft's applied
     * @param earlier per programme and year, what claims triggered that year before the period took
     */
    static WhatIfResult of(WhatIf whatIf, List<PricedClaim> claims, Map<Program, Map<Integer, BigDecimal>> budgets,
                           Map<Program, Map<Integer, BigDecimal>> earlier) {
        List<Totals> programs = new ArrayList<>();
        List<Totals> byMonth = new ArrayList<>();
        List<Totals> byIndustry = new ArrayList<>();
        List<Totals> byDistrict = new ArrayList<>();
        List<FirmChange> firms = new ArrayList<>();
        List<CapEffect> caps = new ArrayList<>();
        List<BudgetEffect> budgetEffects = new ArrayList<>();
        for (Program program : Program.values()) {
            List<PricedClaim> of = claims.stream().filter(c -> c.program() == program).toList();
            String name = program.publicName();
            programs.add(totals(name, name, of));
            byMonth.addAll(grouped(name, of, c -> YearMonth.from(c.triggerDate()).toString()));
            byIndustry.addAll(grouped(name, of, c -> c.industryCode().substring(0, Math.min(2, c.industryCode().length()))));
            byDistrict.addAll(grouped(name, of, PricedClaim::district));
            firms.addAll(firmChanges(name, of));
            caps.add(new CapEffect(name, count(of, PricedClaim::beforeReasons, "CAP_PARTIAL"), count(of, PricedClaim::beforeReasons, "CAP_REACHED"),
                    count(of, PricedClaim::afterReasons, "CAP_PARTIAL"), count(of, PricedClaim::afterReasons, "CAP_REACHED")));
            for (int year = whatIf.from().getYear(); year <= whatIf.to().getYear(); year++) {
                budgetEffects.add(budget(program, year, of, budgets.getOrDefault(program, Map.of()).get(year),
                        earlier.getOrDefault(program, Map.of()).getOrDefault(year, ZERO)));
            }
        }
        return new WhatIfResult(whatIf.id(), whatIf.from(), whatIf.to(), whatIf.status().name(), whatIf.createdBy(), whatIf.draft(),
                programs, byMonth, byIndustry, byDistrict, firms, caps, budgetEffects,
                claims.stream().map(c -> new ClaimChange(c.claimId(), c.program().publicName(), c.bankCode(), c.uscc(),
                        c.industryCode(), c.district(), c.triggerDate(), c.base(), c.beforeStatus(), c.beforeAmount(),
                        c.beforeReasons(), c.afterStatus(), c.afterAmount(), c.afterReasons(),
                        c.afterAmount().subtract(c.beforeAmount()))).toList());
    }

    private static List<Totals> grouped(String program, List<PricedClaim> claims, Function<PricedClaim, String> key) {
        return claims.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList())).entrySet().stream()
                .map(e -> totals(program, e.getKey(), e.getValue())).toList();
    }

    private static Totals totals(String program, String key, List<PricedClaim> claims) {
        BigDecimal before = sum(claims, PricedClaim::beforeAmount);
        BigDecimal after = sum(claims, PricedClaim::afterAmount);
        return new Totals(program, key, (int) claims.stream().filter(c -> c.beforeAmount().signum() > 0).count(), before,
                (int) claims.stream().filter(c -> c.afterAmount().signum() > 0).count(), after, after.subtract(before));
    }

    private static List<FirmChange> firmChanges(String program, List<PricedClaim> claims) {
        List<FirmChange> changes = new ArrayList<>();
        claims.stream().collect(Collectors.groupingBy(PricedClaim::uscc, TreeMap::new, Collectors.toList())).forEach((uscc, of) -> {
            boolean eligibleBefore = of.stream().anyMatch(c -> !c.beforeStatus().equals("INELIGIBLE"));
            boolean eligibleAfter = of.stream().anyMatch(c -> !c.afterStatus().equals("INELIGIBLE"));
            BigDecimal before = sum(of, PricedClaim::beforeAmount);
            BigDecimal after = sum(of, PricedClaim::afterAmount);
            Change change = eligibleAfter && !eligibleBefore ? Change.BECOMES_ELIGIBLE
                    : eligibleBefore && !eligibleAfter ? Change.BECOMES_INELIGIBLE
                    : after.compareTo(before) > 0 ? Change.GAINS
                    : after.compareTo(before) < 0 ? Change.LOSES : null;
            if (change != null) {
                changes.add(new FirmChange(program, uscc, change, before, after, after.subtract(before)));
            }
        });
        return changes;
    }

    private static BudgetEffect budget(Program program, int year, List<PricedClaim> claims, BigDecimal budget, BigDecimal earlier) {
        List<PricedClaim> ofYear = claims.stream().filter(c -> c.triggerDate().getYear() == year).toList();
        return new BudgetEffect(program.publicName(), year, budget, earlier, sum(ofYear, PricedClaim::beforeAmount),
                sum(ofYear, PricedClaim::afterAmount), runsOut(ofYear, PricedClaim::beforeAmount, budget, earlier),
                runsOut(ofYear, PricedClaim::afterAmount, budget, earlier));
    }

    private static YearMonth runsOut(List<PricedClaim> claims, Function<PricedClaim, BigDecimal> amount, BigDecimal budget,
                                     BigDecimal earlier) {
        if (budget == null) {
            return null;
        }
        BigDecimal running = earlier;
        for (Map.Entry<YearMonth, BigDecimal> month : claims.stream().collect(Collectors.groupingBy(c -> YearMonth.from(c.triggerDate()),
                TreeMap::new, Collectors.reducing(ZERO, amount, BigDecimal::add))).entrySet()) {
            running = running.add(month.getValue());
            if (running.compareTo(budget) > 0) {
                return month.getKey();
            }
        }
        return null;
    }

    private static int count(List<PricedClaim> claims, Function<PricedClaim, String> reasons, String reason) {
        return (int) claims.stream().filter(c -> Arrays.asList(reasons.apply(c).split(";")).contains(reason)).count();
    }

    private static BigDecimal sum(List<PricedClaim> claims, Function<PricedClaim, BigDecimal> amount) {
        return claims.stream().map(amount).reduce(ZERO, BigDecimal::add);
    }
}
