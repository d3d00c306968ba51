package cn.shanghai.techfinance.subsidy.console.officer;

import cn.shanghai.techfinance.subsidy.console.officer.OverviewFigures.MonthAmount;
import cn.shanghai.techfinance.subsidy.console.officer.OverviewFigures.StatusCount;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.settlement.Settlements.Budget;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A year at a glance, as tables with their totals (what each chart draws, readable without it):
 * granted subsidies by month and programme, each programme's budget used and left, claims by state.
 */
record Overview(int year, List<MonthRow> months, Map<Program, BigDecimal> grantedByProgram, BigDecimal granted,
                List<Budget> budgets, List<Program> withoutBudget, BudgetTotal budgetTotal,
                List<StatusRow> statuses, long claims, BigDecimal claimed) {

    /** A month of the year (1–12): its granted amount of each programme and together. */
    record MonthRow(int month, Map<Program, BigDecimal> amounts, BigDecimal total) {

        public BigDecimal amount(Program program) {
            return amounts.get(program);
        }
    }

    record BudgetTotal(BigDecimal budget, BigDecimal reserved, BigDecimal left) {
    }

    record StatusRow(ClaimStatus status, long count, BigDecimal amount) {
    }

    static final List<Program> PROGRAMS = List.of(Program.values());

    /** Every month and every state is shown, those without claims as zero, so the tables always read the same way. */
    static Overview of(int year, List<MonthAmount> byMonth, List<Budget> budgets, List<StatusCount> byStatus) {
        List<MonthRow> months = new ArrayList<>();
        Map<Program, BigDecimal> byProgram = zeroes();
        for (int month = 1; month <= 12; month++) {
            Map<Program, BigDecimal> amounts = zeroes();
            for (MonthAmount m : byMonth) {
                if (m.month() == month) {
                    amounts.merge(m.program(), m.amount(), BigDecimal::add);
                    byProgram.merge(m.program(), m.amount(), BigDecimal::add);
                }
            }
            months.add(new MonthRow(month, amounts, sum(amounts.values().stream().toList())));
        }
        List<Program> withoutBudget = PROGRAMS.stream()
                .filter(p -> budgets.stream().noneMatch(b -> b.program() == p)).toList();
        BudgetTotal budgetTotal = new BudgetTotal(sum(budgets.stream().map(Budget::budget).toList()),
                sum(budgets.stream().map(Budget::reserved).toList()), sum(budgets.stream().map(Budget::left).toList()));
        List<StatusRow> statuses = Arrays.stream(ClaimStatus.values()).map(status -> byStatus.stream()
                .filter(s -> s.status() == status).findFirst()
                .map(s -> new StatusRow(status, s.count(), s.amount()))
                .orElse(new StatusRow(status, 0, BigDecimal.ZERO.setScale(2)))).toList();
        return new Overview(year, months, byProgram, sum(byProgram.values().stream().toList()), budgets, withoutBudget,
                budgetTotal, statuses, statuses.stream().mapToLong(StatusRow::count).sum(),
                sum(statuses.stream().map(StatusRow::amount).toList()));
    }

    private static Map<Program, BigDecimal> zeroes() {
        Map<Program, BigDecimal> zeroes = new EnumMap<>(Program.class);
        PROGRAMS.forEach(p -> zeroes.put(p, BigDecimal.ZERO.setScale(2)));
        return zeroes;
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
