package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.claims.CapUsageStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnit;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore.State;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore.UnitUpdate;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.Approval;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.Instalment;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts.TechPolicy;
import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
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
import cn.shanghai.techfinance.subsidy.rules.techinsurance.TechInsurancePremiumProgram;
import cn.shanghai.techfinance.subsidy.rules.techinsurance.TechPolicyFacts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Computes one firm's due claims for business date D: builds each unit's facts from the ledger,
 * lets the programme assess it with the rule version in force on its trigger date, then allocates
 * the firm's caps over this night's claims in the rules' order, on top of what earlier nights took.
 * A unit not triggered by D waits for its known trigger date, or for new facts.
 *
 * <p>The facts come by chunk, not by firm: once the chunk's firms are read, and before any is
 * processed ({@link #beforeChunk}, inside the chunk's transaction), it loads the due units, cap
 * totals and ledger facts of all of them in a fixed number of queries. The step registers it as its
 * chunk listener, which Spring Batch calls only in a step that is not concurrent (this one is not).
 */
class FirmClaimsProcessor implements ItemProcessor<String, FirmClaims>, ChunkListener<String, FirmClaims> {

    private final LocalDate businessDate;
    private final ClaimUnitStore units;
    private final CapUsageStore capUsage;
    private final LedgerFacts ledger;
    private final RuleVersions rules;
    private final LydPremiumProgram lyd = new LydPremiumProgram();
    private final HkzdInterestProgram hkzd = new HkzdInterestProgram();
    private final TechInsurancePremiumProgram techInsurance = new TechInsurancePremiumProgram();
    private final CapAllocator caps = new CapAllocator();
    /** The current chunk's facts; one step execution runs its chunks one after the other. */
    private ChunkFacts chunk;

    FirmClaimsProcessor(LocalDate businessDate, ClaimUnitStore units, CapUsageStore capUsage, LedgerFacts ledger, RuleVersions rules) {
        this.businessDate = businessDate;
        this.units = units;
        this.capUsage = capUsage;
        this.ledger = ledger;
        this.rules = rules;
    }

    /** What a chunk's firms need: their due units (by id), their caps' totals, the ledger's facts of those units. */
    private record ChunkFacts(Set<String> firms, Map<String, List<ClaimUnit>> due, Map<String, Map<CapBucket, BigDecimal>> capTotals,
                              LedgerFacts.Facts ledger) {
    }

    @Override
    public void beforeChunk(Chunk<String> firms) {
        Map<String, List<ClaimUnit>> due = new HashMap<>();
        Set<Approval> lydApprovals = new LinkedHashSet<>();
        Set<Approval> hkzdApprovals = new LinkedHashSet<>();
        Set<Instalment> instalments = new LinkedHashSet<>();
        Set<TechPolicy> techPolicies = new LinkedHashSet<>();
        for (ClaimUnit unit : units.dueUnitsOf(firms.getItems(), businessDate)) {
            due.computeIfAbsent(unit.uscc(), k -> new ArrayList<>()).add(unit);
            Approval approval = new Approval(unit.bankCode(), unit.approvalNo());
            switch (unit.program()) {
                case LYD -> lydApprovals.add(approval);
                case HKZD -> {
                    hkzdApprovals.add(approval);
                    instalments.add(new Instalment(unit.bankCode(), unit.contractNo(), unit.installmentNo()));
                }
                case TECH_INSURANCE -> techPolicies.add(new TechPolicy(unit.bankCode(), unit.approvalNo()));
            }
        }
        chunk = new ChunkFacts(Set.copyOf(firms.getItems()), due, capUsage.ofFirms(due.keySet()),
                ledger.load(due.keySet(), lydApprovals, hkzdApprovals, instalments, techPolicies));
    }

    @Override
    public void afterChunk(Chunk<FirmClaims> written) {
        chunk = null;
    }

    @Override
    public void onChunkError(Exception exception, Chunk<FirmClaims> processed) {
        chunk = null;
    }

    @Override
    public FirmClaims process(String uscc) {
        if (chunk == null || !chunk.firms().contains(uscc)) {
            throw new IllegalStateException("the facts of " + uscc + " were not loaded for its chunk");
        }
        List<ClaimUnit> due = chunk.due().getOrDefault(uscc, List.of());
        if (due.isEmpty()) {
            return null; // claimed by an earlier attempt of this night: nothing left to do
        }
        List<DishonestyListing> listings = chunk.ledger().dishonestyListings(uscc);
        List<UnitUpdate> updates = new ArrayList<>();
        List<ClaimAssessment> assessments = new ArrayList<>();
        Map<ClaimKey, Assessed> byKey = new HashMap<>();
        for (ClaimUnit unit : due) {
            Optional<Assessed> assessed = switch (unit.program()) {
                case LYD -> assessLyd(unit, listings, updates);
                case HKZD -> assessHkzd(unit, listings, updates);
                case TECH_INSURANCE -> assessTechInsurance(unit, updates);
            };
            assessed.ifPresent(a -> {
                assessments.add(a.assessment());
                byKey.put(a.assessment().key(), a);
                updates.add(new UnitUpdate(unit.id(), State.CLAIMED, a.assessment().triggerDate()));
            });
        }
        CapAllocation allocation = caps.allocate(assessments, chunk.capTotals().get(uscc));
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
        Approval approval = new Approval(unit.bankCode(), unit.approvalNo());
        LoanApplication application = chunk.ledger().applicationOf(approval);
        LydClaimFacts facts = new LydClaimFacts(application, unit.approvalNo(), chunk.ledger().contractsOf(approval),
                chunk.ledger().renewedByOtherApprovals(approval), chunk.ledger().policiesOf(approval), listings);
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
        LoanApplication application = chunk.ledger().applicationOf(new Approval(unit.bankCode(), unit.approvalNo()));
        Instalment paid = new Instalment(unit.bankCode(), unit.contractNo(), unit.installmentNo());
        InterestInstalment instalment = chunk.ledger().instalment(paid);
        HkzdClaimFacts facts = new HkzdClaimFacts(application, chunk.ledger().contractOf(paid), instalment, listings);
        return parametersFor(instalment.paidOn(), unit, updates)
                .map(p -> new Assessed(unit, application.applicationNo(), hkzd.assess(facts, p)));
    }

    /** A policy's claim once its premium is paid in full; it has no application, so its policyNo stands for one. */
    private Optional<Assessed> assessTechInsurance(ClaimUnit unit, List<UnitUpdate> updates) {
        TechPolicyFacts facts = chunk.ledger().techPolicy(new TechPolicy(unit.bankCode(), unit.approvalNo()));
        Optional<LocalDate> paidInFull = techInsurance.triggerDate(facts, businessDate);
        if (paidInFull.isEmpty()) {
            // a payment dated after D makes it due then; otherwise it waits for the payments still to come
            Optional<LocalDate> later = techInsurance.triggerDate(facts, LocalDate.MAX);
            updates.add(new UnitUpdate(unit.id(), later.isPresent() ? State.PENDING : State.WAITING, later.orElse(null)));
            return Optional.empty();
        }
        return parametersFor(paidInFull.get(), unit, updates)
                .map(p -> new Assessed(unit, facts.policyNo(), techInsurance.assess(facts, businessDate, p)));
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
