package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.settlement.SettlementNotFound;
import cn.shanghai.techfinance.subsidy.settlement.Settlements;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A programme's annual budget (年度预算) and what settlements hold of it. */
@RestController
@RequestMapping("/api/v1/budgets")
@Tag(name = "budgets", description = "Each programme's annual budget per budget year, reserved by settlements")
public class BudgetsController {

    private final Settlements settlements;

    public BudgetsController(Settlements settlements) {
        this.settlements = settlements;
    }

    public record BudgetView(String program, int year, BigDecimal budget, BigDecimal reserved, BigDecimal left) {
    }

    @GetMapping("/{program}/{year}")
    @Operation(summary = "A programme's budget of a year: the budget, what settlements reserve of it, what is left",
            description = "reserved: the claims of the year's settlements (budget year = the year they were prepared in) that "
                    + "are open or reconciled paid; a failed payment or a claim left out gives its amount back. 404 for an unknown "
                    + "programme or a year without a budget.")
    public BudgetView budget(@PathVariable String program, @PathVariable int year) {
        Program known = Program.ofPublicName(program).orElseThrow(() -> new SettlementNotFound(
                "no programme " + program + ": " + Program.publicNames()));
        Settlements.Budget budget = settlements.budget(known, year);
        return new BudgetView(known.publicName(), year, budget.budget(), budget.reserved(), budget.left());
    }
}
