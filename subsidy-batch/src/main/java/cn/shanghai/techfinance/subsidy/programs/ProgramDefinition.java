package cn.shanghai.techfinance.subsidy.programs;

import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnit;
import cn.shanghai.techfinance.subsidy.ledger.LedgerFacts;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the engine — the night's discovery and computation, the what-if pricing, the automatic
 * transitions — needs of one programme, so that it treats every programme alike: which ledger
 * changes make its units, which facts a unit needs, when a unit is triggered, and its rules'
 * assessment. A programme is its rules (package {@code rules}), its rule data, and one of these
 * ({@link ProgramDefinitions}); the engine has no branch on the programme.
 */
public interface ProgramDefinition {

    Program program();

    /** The programme's units that the change feed's batches touched (the night's discovery). */
    List<TouchedUnit> unitsTouchedIn(LedgerReader ledger, Batches batches);

    /** Its policies cancelled (退保) in the batches, to judge once their claims exist; none for a programme without policies. */
    default List<CancelledPolicy> cancellationsIn(LedgerReader ledger, Batches batches) {
        return List.of();
    }

    /** The key of the unit's claim. */
    ClaimKey key(ClaimUnit unit);

    /** Adds to a chunk's request the ledger facts this unit needs (its firm's included). */
    void request(ClaimUnit unit, LedgerFacts.Request request);

    /** The unit's trigger date, if it is triggered on or before {@code asOf} by the facts. */
    Optional<LocalDate> triggerDate(ClaimUnit unit, LedgerFacts.Facts facts, LocalDate asOf);

    /** The triggered unit's claim assessed as of {@code asOf}, with the rule version in force on its trigger date. */
    ClaimAssessment assess(ClaimUnit unit, LedgerFacts.Facts facts, LocalDate asOf, RuleParameters parameters);

    /** The firm as the unit's facts describe it (its industry and district break a what-if down). */
    FirmSnapshot firm(ClaimUnit unit, LedgerFacts.Facts facts);

    /** What the claim records as its application (申请) number. */
    String applicationNo(ClaimUnit unit, LedgerFacts.Facts facts);

    /** The claim's next state once its policy was cancelled on {@code cancelledOn}; empty: it stays as it is. */
    default Optional<ClaimState> afterPolicyCancelled(ClaimRecord claim, LocalDate cancelledOn) {
        return Optional.empty();
    }

    /**
     * The caps a claim of the firm triggered on {@code triggerDate} shares with the firm's other
     * claims (a what-if reapplies them on top of what claims before its period took).
     */
    List<CapBucket> sharedCapBuckets(String uscc, LocalDate triggerDate, RuleParameters parameters);
}
