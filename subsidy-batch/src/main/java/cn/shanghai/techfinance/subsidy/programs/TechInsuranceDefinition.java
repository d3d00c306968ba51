package cn.shanghai.techfinance.subsidy.programs;

import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnit;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.TechPolicy;
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
import cn.shanghai.techfinance.subsidy.rules.techinsurance.TechInsurancePremiumProgram;
import cn.shanghai.techfinance.subsidy.rules.techinsurance.TechPolicyCancellation;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * 科技保险 (TECH_INSURANCE_PREMIUM): a unit per insurer's policy (the insurer's code as bankCode, the
 * policyNo as approvalNo), triggered once its premium is paid in full. It has no application: the
 * policyNo stands for one.
 */
final class TechInsuranceDefinition implements ProgramDefinition {

    private final TechInsurancePremiumProgram rules = new TechInsurancePremiumProgram();
    private final TechPolicyCancellation cancellation = new TechPolicyCancellation();

    @Override
    public Program program() {
        return Program.TECH_INSURANCE;
    }

    @Override
    public List<TouchedUnit> unitsTouchedIn(LedgerReader ledger, Batches batches) {
        return ledger.techPoliciesTouchedIn(batches);
    }

    @Override
    public List<CancelledPolicy> cancellationsIn(LedgerReader ledger, Batches batches) {
        return ledger.techPolicyCancellationsIn(batches);
    }

    @Override
    public ClaimKey key(ClaimUnit unit) {
        return new ClaimKey.TechInsurance(unit.bankCode(), unit.approvalNo());
    }

    @Override
    public void request(ClaimUnit unit, LedgerFacts.Request request) {
        request.firm(unit.uscc()).techPolicy(policy(unit));
    }

    @Override
    public Optional<LocalDate> triggerDate(ClaimUnit unit, LedgerFacts.Facts facts, LocalDate asOf) {
        return rules.triggerDate(facts.techPolicy(policy(unit)), asOf);
    }

    @Override
    public ClaimAssessment assess(ClaimUnit unit, LedgerFacts.Facts facts, LocalDate asOf, RuleParameters parameters) {
        return rules.assess(facts.techPolicy(policy(unit)), asOf, parameters);
    }

    @Override
    public FirmSnapshot firm(ClaimUnit unit, LedgerFacts.Facts facts) {
        return facts.techPolicy(policy(unit)).firm();
    }

    @Override
    public String applicationNo(ClaimUnit unit, LedgerFacts.Facts facts) {
        return unit.approvalNo();
    }

    @Override
    public Optional<ClaimState> afterPolicyCancelled(ClaimRecord claim, LocalDate cancelledOn) {
        return cancellation.apply(new ClaimState(new ClaimKey.TechInsurance(claim.bankCode(), claim.approvalNo()), claim.status(),
                claim.reasons()));
    }

    @Override
    public List<CapBucket> sharedCapBuckets(String uscc, LocalDate triggerDate, RuleParameters parameters) {
        // a policy's own cap is its one claim's: only the firm's calendar year is shared
        return List.of(CapBucket.techCalendarYear(uscc, triggerDate.getYear()));
    }

    private static TechPolicy policy(ClaimUnit unit) {
        return new TechPolicy(unit.bankCode(), unit.approvalNo());
    }
}
