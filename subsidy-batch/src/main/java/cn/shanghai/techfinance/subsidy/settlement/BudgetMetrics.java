package cn.shanghai.techfinance.subsidy.settlement;

import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.rules.Program;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.MathContext;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * How much of each programme's budget of the business year settlements hold, for the operator's
 * "budget nearly spent" alert (deploy/monitoring): {@code subsidy_budget_reserved_ratio{program}},
 * reserved ÷ budget, read at each scrape (two small queries a programme). No value (NaN) while the
 * year has no budget or the database does not answer: an alert on a ratio must not fire on nothing.
 */
@Component
class BudgetMetrics {

    BudgetMetrics(MeterRegistry registry, Settlements settlements, BusinessClock clock) {
        for (Program program : Program.values()) {
            Gauge.builder("subsidy.budget.reserved.ratio", () -> reservedRatio(settlements, program, clock.today().getYear()))
                    .tag("program", program.publicName())
                    .description("what settlements reserve of the programme's budget of the business year, over that budget")
                    .register(registry);
        }
    }

    private static double reservedRatio(Settlements settlements, Program program, int year) {
        try {
            Settlements.Budget budget = settlements.budget(program, year);
            if (budget.budget().signum() <= 0) {
                return Double.NaN;
            }
            return budget.reserved().divide(budget.budget(), MathContext.DECIMAL64).doubleValue();
        } catch (SettlementNotFound | DataAccessException noBudget) {
            return Double.NaN;
        }
    }
}
