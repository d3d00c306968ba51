package cn.shanghai.techfinance.subsidy.rules.lyd;

import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.firm.DishonestyListing;
import cn.shanghai.techfinance.subsidy.rules.loan.InsurancePolicy;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanApplication;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanContract;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ledger facts of one 履约贷 approval (批复), the unit of an LYD_PREMIUM claim.
 *
 * @param contracts every contract drawn under the approval, renewals under it included
 * @param renewedByOtherApprovals numbers of this approval's contracts that a contract drawn under
 *        another approval renews (renewals under the same approval show in {@code contracts})
 * @param policies the policies on the approval's contracts
 * @param dishonestyListings the firm's periods on the serious dishonesty list
 */
public record LydClaimFacts(
        LoanApplication application,
        String approvalNo,
        List<LoanContract> contracts,
        Set<String> renewedByOtherApprovals,
        List<InsurancePolicy> policies,
        List<DishonestyListing> dishonestyListings) {

    public LydClaimFacts {
        if (application.program() != Program.LYD) {
            throw new IllegalArgumentException("application " + application.applicationNo() + " is not LYD");
        }
        Objects.requireNonNull(approvalNo, "approvalNo");
        contracts = List.copyOf(contracts);
        renewedByOtherApprovals = Set.copyOf(renewedByOtherApprovals);
        policies = List.copyOf(policies);
        dishonestyListings = List.copyOf(dishonestyListings);
        for (LoanContract contract : contracts) {
            if (!contract.approvalNo().equals(approvalNo)) {
                throw new IllegalArgumentException(
                        "contract " + contract.contractNo() + " belongs to approval " + contract.approvalNo());
            }
        }
        Set<String> contractNos = contracts.stream().map(LoanContract::contractNo).collect(Collectors.toSet());
        for (InsurancePolicy policy : policies) {
            if (!contractNos.contains(policy.contractNo())) {
                throw new IllegalArgumentException(
                        "policy " + policy.policyNo() + " is not on a contract of approval " + approvalNo);
            }
        }
        if (!contractNos.containsAll(renewedByOtherApprovals)) {
            throw new IllegalArgumentException("a renewed contract is not a contract of approval " + approvalNo);
        }
    }
}
