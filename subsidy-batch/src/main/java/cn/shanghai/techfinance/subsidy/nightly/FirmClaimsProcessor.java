package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.claims.CapUsageStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnit;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore.State;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore.UnitUpdate;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts;
import cn.shanghai.techfinance.subsidy.programs.ProgramDefinition;
import cn.shanghai.techfinance.subsidy.programs.ProgramDefinitions;
import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.RuleVersions;
import cn.shanghai.techfinance.subsidy.rules.cap.AllocatedClaim;
import cn.shanghai.techfinance.subsidy.rules.cap.CapAllocation;
import cn.shanghai.techfinance.subsidy.rules.cap.CapAllocator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Computes one firm's due claims for business date D: each unit's programme ({@link
 * ProgramDefinition}) says from the ledger's facts when it is triggered and assesses it with the
 * rule version in force on its trigger date; then the firm's caps are allocated over this night's
 * claims in the rules' order, on top of what earlier nights took. A unit not triggered by D waits
 * for its known trigger date, or for new facts.
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
        LedgerFacts.Request request = new LedgerFacts.Request();
        for (ClaimUnit unit : units.dueUnitsOf(firms.getItems(), businessDate)) {
            due.computeIfAbsent(unit.uscc(), k -> new ArrayList<>()).add(unit);
            ProgramDefinitions.of(unit.program()).request(unit, request);
        }
        chunk = new ChunkFacts(Set.copyOf(firms.getItems()), due, capUsage.ofFirms(due.keySet()), ledger.load(request));
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
        List<UnitUpdate> updates = new ArrayList<>();
        List<ClaimAssessment> assessments = new ArrayList<>();
        Map<ClaimKey, Assessed> byKey = new HashMap<>();
        for (ClaimUnit unit : due) {
            assess(unit, updates).ifPresent(a -> {
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

    /** The unit's claim once triggered by D; otherwise the unit is due on the known later date, or waits for facts. */
    private Optional<Assessed> assess(ClaimUnit unit, List<UnitUpdate> updates) {
        ProgramDefinition program = ProgramDefinitions.of(unit.program());
        Optional<LocalDate> triggered = program.triggerDate(unit, chunk.ledger(), businessDate);
        if (triggered.isEmpty()) {
            // a fact dated after D (a settlement, a payment) makes it due then; otherwise it waits for the facts that tell it
            Optional<LocalDate> later = program.triggerDate(unit, chunk.ledger(), LocalDate.MAX);
            updates.add(new UnitUpdate(unit.id(), later.isPresent() ? State.PENDING : State.WAITING, later.orElse(null)));
            return Optional.empty();
        }
        return parametersFor(triggered.get(), unit, updates).map(p -> new Assessed(unit, program.applicationNo(unit, chunk.ledger()),
                program.assess(unit, chunk.ledger(), businessDate, p)));
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
