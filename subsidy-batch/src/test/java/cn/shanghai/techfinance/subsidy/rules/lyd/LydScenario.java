package cn.shanghai.techfinance.subsidy.rules.lyd;

import cn.shanghai.techfinance.subsidy.rules.FirmFixture;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.firm.DishonestyListing;
import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import cn.shanghai.techfinance.subsidy.rules.loan.InsurancePolicy;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanApplication;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanContract;
import cn.shanghai.techfinance.subsidy.rules.loan.PremiumPayment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the facts of one 履约贷 approval. Contract modifiers ({@code settledOn}, {@code premium},
 * …) apply to the contract added last; each contract has one policy.
 */
public final class LydScenario {

    private String bankCode = "ICBC-SH";
    private String approvalNo = "P-001";
    private FirmSnapshot firm = FirmFixture.highTechFirm().build();
    private final List<ContractDraft> contracts = new ArrayList<>();
    private final Set<String> renewedByOtherApprovals = new HashSet<>();
    private final List<DishonestyListing> listings = new ArrayList<>();

    public static LydScenario approval(String bankCode, String approvalNo) {
        LydScenario scenario = new LydScenario();
        scenario.bankCode = bankCode;
        scenario.approvalNo = approvalNo;
        return scenario;
    }

    /** One contract of 3,000,000.00 disbursed 2025-10-01, premium 45,000.00 paid 2025-10-10, settled 2026-03-15. */
    public static LydScenario settledLoan() {
        return new LydScenario()
                .contract("C-001", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30))
                .premium("45000.00", LocalDate.of(2025, 10, 10))
                .settledOn(LocalDate.of(2026, 3, 15));
    }

    public LydScenario firm(FirmSnapshot firm) {
        this.firm = firm;
        return this;
    }

    public LydScenario firm(FirmFixture firm) {
        return firm(firm.build());
    }

    public LydScenario contract(String contractNo, LocalDate disbursedOn, LocalDate maturityOn) {
        contracts.add(new ContractDraft(contractNo, disbursedOn, maturityOn));
        return this;
    }

    public LydScenario disbursedOn(LocalDate disbursedOn) {
        last().disbursedOn = disbursedOn;
        return this;
    }

    public LydScenario settledOn(LocalDate settledOn) {
        last().settledOn = settledOn;
        return this;
    }

    public LydScenario renewalOf(String contractNo) {
        last().renewalOf = contractNo;
        return this;
    }

    public LydScenario overdue() {
        last().everOverdue = true;
        return this;
    }

    public LydScenario defaultedOn(LocalDate defaultedOn) {
        last().defaultedOn = defaultedOn;
        return this;
    }

    public LydScenario premium(String amount, LocalDate paidOn) {
        last().payments.add(new PremiumPayment(new BigDecimal(amount), paidOn));
        return this;
    }

    public LydScenario policyCancelledOn(LocalDate cancelledOn) {
        last().policyCancelledOn = cancelledOn;
        return this;
    }

    public LydScenario renewedByOtherApproval(String contractNo) {
        renewedByOtherApprovals.add(contractNo);
        return this;
    }

    public LydScenario dishonestyListed(LocalDate listedOn, LocalDate clearedOn) {
        listings.add(new DishonestyListing(listedOn, clearedOn));
        return this;
    }

    public LydClaimFacts facts() {
        List<LoanContract> loanContracts = contracts.stream()
                .map(draft -> new LoanContract(
                        draft.contractNo,
                        approvalNo,
                        new BigDecimal("3000000.00"),
                        new BigDecimal("0.0345"),
                        new BigDecimal("0.0300"),
                        draft.disbursedOn,
                        draft.maturityOn,
                        draft.renewalOf,
                        draft.settledOn,
                        draft.everOverdue,
                        draft.defaultedOn))
                .toList();
        List<InsurancePolicy> policies = contracts.stream()
                .map(draft -> new InsurancePolicy(
                        "Y-" + draft.contractNo, draft.contractNo, draft.payments, draft.policyCancelledOn))
                .toList();
        return new LydClaimFacts(
                new LoanApplication(bankCode, "A-" + approvalNo, Program.LYD, false, firm),
                approvalNo,
                loanContracts,
                renewedByOtherApprovals,
                policies,
                listings);
    }

    private ContractDraft last() {
        return contracts.get(contracts.size() - 1);
    }

    private static final class ContractDraft {
        private final String contractNo;
        private LocalDate disbursedOn;
        private final LocalDate maturityOn;
        private String renewalOf;
        private LocalDate settledOn;
        private boolean everOverdue;
        private LocalDate defaultedOn;
        private final List<PremiumPayment> payments = new ArrayList<>();
        private LocalDate policyCancelledOn;

        private ContractDraft(String contractNo, LocalDate disbursedOn, LocalDate maturityOn) {
            this.contractNo = contractNo;
            this.disbursedOn = disbursedOn;
            this.maturityOn = maturityOn;
        }
    }
}
