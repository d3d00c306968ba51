package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.claims.CapUsageStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnit;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore.State;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore.UnitUpdate;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.RuleVersions;
import cn.shanghai.techfinance.subsidy.rules.cap.AllocatedClaim;
import cn.shanghai.techfinance.subsidy.rules.cap.CapAllocation;
import cn.shanghai.techfinance.subsidy.rules.cap.CapAllocator;
import cn.shanghai.techfinance.subsidy.rules.firm.DishonestyListing;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdClaimFacts;
import cn.shanghai.techfinance.subsidy.rules.hkzd.HkzdInterestProgram;
import cn.shanghai.techfinance.subsidy.rules.loan.InterestInstalment;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanApplication;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydClaimFacts;
import cn.shanghai.techfinance.subsidy.rules.lyd.LydPremiumProgram;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Computes one firm's due claims for business date D: builds each unit's facts from the ledger,
 * lets the programme assess it with the rule version in force on its trigger date, then allocates
 * the firm's caps over this night's claims in the rules' order, on top of what earlier nights took.
 * A unit not triggered by D waits for its known trigger date, or for new facts.
 */
class FirmClaimsProcessor implements ItemProcessor<String, FirmClaims> {

    private final LocalDate businessDate;
    private final ClaimUnitStore units;
    private final CapUsageStore capUsage;
    private final LedgerReader ledger;
    private final RuleVersions rules;
    private final LydPremiumProgram lyd = new LydPremiumProgram();
    private final HkzdInterestProgram hkzd = new HkzdInterestProgram();
    private final CapAllocator caps = new CapAllocator();

    FirmClaimsProcessor(LocalDate businessDate, ClaimUnitStore units, CapUsageStore capUsage, LedgerReader ledger, RuleVersions rules) {
        this.businessDate = businessDate;
        this.units = units;
        this.capUsage = capUsage;
        this.ledger = ledger;
        this.rules = rules;
    }

    @Override
    public FirmClaims process(String uscc) {
        List<ClaimUnit> due = units.dueUnitsOf(uscc, businessDate);
        if (due.isEmpty()) {
            return null; // claimed by an earlier attempt of this night: nothing left to do
        }
        List<DishonestyListing> listings = ledger.dishonestyListings(uscc);
        List<UnitUpdate> updates = new ArrayList<>();
        List<ClaimAssessment> assessments = new ArrayList<>();
        Map<ClaimKey, Assessed> byKey = new HashMap<>();
        for (ClaimUnit unit : due) {
            Optional<Assessed> assessed = unit.program() == Program.LYD ? assessLyd(unit, listings, updates) : assessHkzd(unit, listings, updates);
            assessed.ifPresent(a -> {
                assessments.add(a.assessment());
                byKey.put(a.assessment().key(), a);
                updates.add(new UnitUpdate(unit.id(), State.CLAIMED, a.assessment().triggerDate()));
            });
        }
        CapAllocation allocation = caps.allocate(assessments, capUsage.ofFirm(uscc));
        List<ClaimRecord> claims = new ArrayList<>();
        for (AllocatedClaim claim : allocation.claims()) {
            Assessed assessed = byKey.get(claim.assessment().key());
            ClaimUnit unit = assessed.unit();
            ClaimAssessment a = claim.assessment();
            claims.add(ClaimRecord.computed(ClaimRecord.claimId(unit.program(), unit.bankCode(), unit.approvalNo(), unit.contractNo(),
                    unit.installmentNo()), unit.program(), unit.bankCode(), uscc, assessed.applicationNo(), unit.approvalNo(),
                    unit.contractNo(), unit.installmentNo(), a.triggerDate(), a.base().setScale(2), a.ratio(), claim.amount(),
                    claim.status(), claim.reasons(), a.ruleVersion(), businessDate));
        }
        return new FirmClaims(uscc, claims, updates, allocation.allocatedTotals());
    }

    private Optional<Assessed> assessLyd(ClaimUnit unit, List<DishonestyListing> listings, List<UnitUpdate> updates) {
        LoanApplication application = ledger.applicationOfApproval(unit.bankCode(), unit.approvalNo());
        LydClaimFacts facts = new LydClaimFacts(application, unit.approvalNo(),
                ledger.contractsOfApproval(unit.bankCode(), unit.approvalNo()),
                ledger.renewedByOtherApprovals(unit.bankCode(), unit.approvalNo()),
                ledger.policiesOfApproval(unit.bankCode(), unit.approvalNo()), listings);
        Optional<LocalDate> settled = lyd.settlementDate(facts, businessDate);
        if (settled.isEmpty()) {
            // not every contract is settled by D: due on the known date, or waiting for the facts that tell it
            Optional<LocalDate> later = lyd.settlementDate(facts, LocalDate.MAX);
            updates.add(new UnitUpdate(unit.id(), later.isPresent() ? State.PENDING : State.WAITING, later.orElse(null)));
            return Optional.empty();
        }
        return parametersFor(settled.get(), unit, updates)
                .map(p -> new Assessed(unit, application.applicationNo(), lyd.assess(facts, businessDate, p)));
    }

    private Optional<Assessed> assessHkzd(ClaimUnit unit, List<DishonestyListing> listings, List<UnitUpdate> updates) {
        LoanApplication application = ledger.applicationOfApproval(unit.bankCode(), unit.approvalNo());
        InterestInstalment instalment = ledger.instalment(unit.bankCode(), unit.contractNo(), unit.installmentNo()).orElseThrow();
        HkzdClaimFacts facts = new HkzdClaimFacts(application, ledger.contract(unit.bankCode(), unit.contractNo()), instalment, listings);
        return parametersFor(instalment.paidOn(), unit, updates)
                .map(p -> new Assessed(unit, application.applicationNo(), hkzd.assess(facts, p)));
    }

    /** The rule version in force on the trigger date; none means the claim waits for rule data covering it. */
    private Optional<RuleParameters> parametersFor(LocalDate triggerDate, ClaimUnit unit, List<UnitUpdate> updates) {
        Optional<RuleParameters> parameters = rules.forTriggerDate(triggerDate);
        if (parameters.isEmpty()) {
            updates.add(new UnitUpdate(unit.id(), State.WAITING, triggerDate));
        }
        return parameters;
    }

    private record Assessed(ClaimUnit unit, String applicationNo, ClaimAssessment assessment) {
    }
}
