package cn.shanghai.techfinance.subsidy.rules.hkzd;

import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.firm.DishonestyListing;
import cn.shanghai.techfinance.subsidy.rules.loan.InterestInstalment;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanApplication;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanContract;
import java.util.List;

/**
 * The ledger facts of one paid interest instalment of a 沪科专贷 contract, the unit of an
 * HKZD_INTEREST claim.
 *
 * @param dishonestyListings the firm's periods on the serious dishonesty list
 */
public record HkzdClaimFacts(
        LoanApplication application,
        LoanContract contract,
        InterestInstalment instalment,
        List<DishonestyListing> dishonestyListings) {

    public HkzdClaimFacts {
        if (application.program() != Program.HKZD) {
            throw new IllegalArgumentException("application " + application.applicationNo() + " is not HKZD");
        }
        if (!instalment.contractNo().equals(contract.contractNo())) {
            throw new IllegalArgumentException(
                    "instalment of contract " + instalment.contractNo() + " given with contract " + contract.contractNo());
        }
        dishonestyListings = List.copyOf(dishonestyListings);
    }
}
