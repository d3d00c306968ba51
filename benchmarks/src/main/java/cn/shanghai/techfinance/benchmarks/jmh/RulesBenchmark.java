package cn.shanghai.techfinance.benchmarks.jmh;

import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.TechInsuranceParameters;
import cn.shanghai.techfinance.subsidy.rules.cap.CapAllocation;
import cn.shanghai.techfinance.subsidy.rules.cap.CapAllocator;
import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import cn.shanghai.techfinance.subsidy.rules.firm.Qualification;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdClaimFacts;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdInterestProgram;
import cn.shanghai.techfinance.subsidy.rules.loan.InsurancePolicy;
import cn.shanghai.techfinance.subsidy.rules.loan.InterestInstalment;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanApplication;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanContract;
import cn.shanghai.techfinance.subsidy.rules.loan.PremiumPayment;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydClaimFacts;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydPremiumProgram;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The nightly job's pure work per claim: the programmes' assessment of one unit's facts, and the
 * cap allocation of one firm's claims — the rules as subsidy-rules.md's defaults set them, for a
 * small Shanghai high-tech firm (HNTE).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RulesBenchmark {

    private static final String USCC = "91310115MA1K4AAAA1";

    private final LydPremiumProgram lyd = new LydPremiumProgram();
    private final HkzdInterestProgram hkzd = new HkzdInterestProgram();
    private final CapAllocator allocator = new CapAllocator();
    private RuleParameters parameters;
    private LydClaimFacts lydFacts;
    private HkzdClaimFacts hkzdFacts;
    private List<ClaimAssessment> firmYear;

    @Setup
    public void facts() {
        parameters = new RuleParameters("DOC-DEFAULTS", LocalDate.of(2023, 7, 1), null, LocalDate.of(2025, 5, 22), List.of("73", "74", "75"),
                Set.of("HNTE", "TSME", "LITTLE_GIANT", "SRDI", "SRDI_GIANT"), 500, money("200000000.00"), money("200000000.00"),
                money("0.50"), money("0.70"), MonthDay.of(9, 1), 2025, money("500000.00"), money("0.50"), money("0.70"), money("1.4"),
                money("1000000.00"), money("3000000.00"), 3, new TechInsuranceParameters(
                        Set.of("RD_EXPENSE_LOSS", "DELIVERY_ASSURANCE", "THIRD_PARTY_LIABILITY", "KEY_EQUIPMENT"), money("0.50"),
                        money("500000.00"), money("1000000.00")));
        FirmSnapshot firm = new FirmSnapshot(USCC, "3911", "310115", 85, money("42000000.00"), money("30000000.00"),
                List.of(new Qualification("HNTE", LocalDate.of(2023, 1, 1), LocalDate.of(2028, 12, 31))));
        lydFacts = lydApproval(firm, "P-001", LocalDate.of(2025, 10, 1), "45000.00");
        hkzdFacts = hkzdInstalment(firm, "C-101", 1, "43125.00", LocalDate.of(2025, 9, 20));
        // a firm's year: four LYD approvals settled and twelve HKZD instalments, over its caps
        firmYear = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            firmYear.add(lyd.assess(lydApproval(firm, "P-10" + i, LocalDate.of(2025, 9 + i, 1), "180000.00"), LocalDate.of(2027, 1, 1), parameters));
        }
        for (int month = 1; month <= 12; month++) {
            firmYear.add(hkzd.assess(hkzdInstalment(firm, "C-20" + (month % 3), month, "150000.00", LocalDate.of(2026, month, 20)), parameters));
        }
    }

    @Benchmark
    public ClaimAssessment lydAssess() {
        return lyd.assess(lydFacts, LocalDate.of(2027, 1, 1), parameters);
    }

    @Benchmark
    public ClaimAssessment hkzdAssess() {
        return hkzd.assess(hkzdFacts, parameters);
    }

    @Benchmark
    public CapAllocation capAllocate() {
        return allocator.allocate(firmYear, Map.of());
    }

    /** One contract of 3,000,000.00 with its policy, premium paid ten days after disbursement, settled after five and a half months. */
    private static LydClaimFacts lydApproval(FirmSnapshot firm, String approvalNo, LocalDate disbursedOn, String premium) {
        String contractNo = "C-" + approvalNo;
        LoanContract contract = new LoanContract(contractNo, approvalNo, money("3000000.00"), money("0.0345"), money("0.0300"), disbursedOn,
                disbursedOn.plusYears(1).minusDays(1), null, disbursedOn.plusMonths(5).plusDays(14), false, null);
        InsurancePolicy policy = new InsurancePolicy("Y-" + contractNo, contractNo,
                List.of(new PremiumPayment(money(premium), disbursedOn.plusDays(9))), null);
        return new LydClaimFacts(new LoanApplication("ICBC-SH", "A-" + approvalNo, Program.LYD, false, firm), approvalNo, List.of(contract),
                Set.of(), List.of(policy), List.of());
    }

    /** An instalment paid on its due date of a 5,000,000.00 contract at 3.45 % against an LPR of 3.10 %. */
    private static HkzdClaimFacts hkzdInstalment(FirmSnapshot firm, String contractNo, int installmentNo, String interest, LocalDate paidOn) {
        LocalDate disbursedOn = LocalDate.of(2025, 6, 1);
        LoanContract contract = new LoanContract(contractNo, "P-" + contractNo, money("5000000.00"), money("0.0345"), money("0.0310"),
                disbursedOn, disbursedOn.plusYears(3), null, null, false, null);
        return new HkzdClaimFacts(new LoanApplication("ICBC-SH", "A-" + contractNo, Program.HKZD, false, firm), contract,
                new InterestInstalment(contractNo, installmentNo, money(interest), paidOn, paidOn), List.of());
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}
