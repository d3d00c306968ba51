package cn.shanghai.techfinance.subsidy.programs;

import cn.shanghai.techfinance.subsidy.claims.ClaimUnit;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.Approval;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.Instalment;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.Batches;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader.TouchedUnit;
import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdClaimFacts;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdInterestProgram;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * 沪科专贷 (HKZD_INTEREST): a unit per interest instalment, triggered on its paidOn. Its loans'
 * defaults are the engine's (a loan fact the night applies to the contract's claims).
 */
final class HkzdDefinition implements ProgramDefinition {

    private final HkzdInterestProgram rules = new HkzdInterestProgram();

    @Override
    public Program program() {
        return Program.HKZD;
    }

    @Override
    public List<TouchedUnit> unitsTouchedIn(LedgerReader ledger, Batches batches) {
        return ledger.hkzdInstalmentsIn(batches);
    }

    @Override
    public ClaimKey key(ClaimUnit unit) {
        return new ClaimKey.Hkzd(unit.bankCode(), unit.contractNo(), unit.installmentNo());
    }

    @Override
    public void request(ClaimUnit unit, LedgerFacts.Request request) {
        request.firm(unit.uscc()).hkzdInstalment(approval(unit), instalment(unit));
    }

    @Override
    public Optional<LocalDate> triggerDate(ClaimUnit unit, LedgerFacts.Facts facts, LocalDate asOf) {
        LocalDate paidOn = facts.instalment(instalment(unit)).paidOn();
        return paidOn.isAfter(asOf) ? Optional.empty() : Optional.of(paidOn);
    }

    @Override
    public ClaimAssessment assess(ClaimUnit unit, LedgerFacts.Facts facts, LocalDate asOf, RuleParameters parameters) {
        Instalment paid = instalment(unit);
        return rules.assess(new HkzdClaimFacts(facts.applicationOf(approval(unit)), facts.contractOf(paid), facts.instalment(paid),
                facts.dishonestyListings(unit.uscc())), parameters);
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
    public List<CapBucket> sharedCapBuckets(String uscc, LocalDate triggerDate, RuleParameters parameters) {
        return List.of(CapBucket.hkzdCalendarYear(uscc, triggerDate.getYear()), CapBucket.hkzdLifetime(uscc));
    }

    private static Approval approval(ClaimUnit unit) {
        return new Approval(unit.bankCode(), unit.approvalNo());
    }

    private static Instalment instalment(ClaimUnit unit) {
        return new Instalment(unit.bankCode(), unit.contractNo(), unit.installmentNo());
    }
}
