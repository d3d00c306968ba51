package cn.shanghai.techfinance.subsidy.programs;

import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnit;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.Approval;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.Batches;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.CancelledPolicy;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.TouchedUnit;
import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimState;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydClaimFacts;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydPremiumProgram;
import cn.shanghai.techfinance.subsidy.rules.lyd.PolicyCancellationAfterSettlement;
import cn.shanghai.techfinance.subsidy.rules.lyd.SubsidyYearPolicy;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** 科技履约贷 (LYD_PREMIUM): a unit per approval, triggered once all its contracts are settled. */
final class LydDefinition implements ProgramDefinition {

    private final LydPremiumProgram rules = new LydPremiumProgram();
    private final PolicyCancellationAfterSettlement cancellation = new PolicyCancellationAfterSettlement();

    @Override
    public Program program() {
        return Program.LYD;
    }

    @Override
    public List<TouchedUnit> unitsTouchedIn(LedgerReader ledger, Batches batches) {
        return ledger.lydApprovalsTouchedIn(batches);
    }

    @Override
    public List<CancelledPolicy> cancellationsIn(LedgerReader ledger, Batches batches) {
        return ledger.lydPolicyCancellationsIn(batches);
    }

    @Override
    public ClaimKey key(ClaimUnit unit) {
        return new ClaimKey.Lyd(unit.bankCode(), unit.approvalNo());
    }

    @Override
    public void request(ClaimUnit unit, LedgerFacts.Request request) {
        request.firm(unit.uscc()).lydApproval(approval(unit));
    }

    @Override
    public Optional<LocalDate> triggerDate(ClaimUnit unit, LedgerFacts.Facts facts, LocalDate asOf) {
        return rules.settlementDate(claimFacts(unit, facts), asOf);
    }

    @Override
    public ClaimAssessment assess(ClaimUnit unit, LedgerFacts.Facts facts, LocalDate asOf, RuleParameters parameters) {
        return rules.assess(claimFacts(unit, facts), asOf, parameters);
    }

    @Override
    public FirmSnapshot firm(ClaimUnit unit, LedgerFacts.Facts facts) {
        return facts.applicationOf(approval(unit)).firm();
    }

    @Override
    public String applicationNo(ClaimUnit unit, LedgerFacts.Facts facts) {
        return facts.applicationOf(approval(unit)).applicationNo();
    }

    @Override
    public Optional<ClaimState> afterPolicyCancelled(ClaimRecord claim, LocalDate cancelledOn) {
        return cancellation.apply(new ClaimState(new ClaimKey.Lyd(claim.bankCode(), claim.approvalNo()), claim.status(), claim.reasons()),
                claim.triggerDate(), cancelledOn);
    }

    @Override
    public List<CapBucket> sharedCapBuckets(String uscc, LocalDate triggerDate, RuleParameters parameters) {
        return List.of(CapBucket.lydSubsidyYear(uscc, SubsidyYearPolicy.subsidyYearOf(triggerDate, parameters)));
    }

    private static Approval approval(ClaimUnit unit) {
        return new Approval(unit.bankCode(), unit.approvalNo());
    }

    private static LydClaimFacts claimFacts(ClaimUnit unit, LedgerFacts.Facts facts) {
        Approval approval = approval(unit);
        return new LydClaimFacts(facts.applicationOf(approval), unit.approvalNo(), facts.contractsOf(approval),
                facts.renewedByOtherApprovals(approval), facts.policiesOf(approval), facts.dishonestyListings(unit.uscc()));
    }
}
