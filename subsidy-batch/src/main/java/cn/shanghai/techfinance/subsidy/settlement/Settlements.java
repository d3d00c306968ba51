package cn.shanghai.techfinance.subsidy.settlement;

import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.ClaimChange;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.settlement.ReconciliationFile.Line;
import cn.shanghai.techfinance.subsidy.settlement.SettlementStore.Candidate;
import cn.shanghai.techfinance.subsidy.settlement.SettlementStore.HeldClaim;
import cn.shanghai.techfinance.subsidy.settlement.SettlementStore.Instruction;
import cn.shanghai.techfinance.subsidy.settlement.SettlementStore.Settlement;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Settlement runs (subsidy-rules.md §5), each step one transaction: reserving the claims against
 * the budget (the preparation job then builds the instructions), the second person's approval that
 * marks the claims PAID, and the bank's results that close each instruction as paid or failed.
 */
@Service
public class Settlements {

    private final SettlementStore store;
    private final ClaimStore claims;
    private final Clock clock;

    public Settlements(SettlementStore store, ClaimStore claims, Clock clock) {
        this.store = store;
        this.claims = claims;
        this.clock = clock;
    }

    /** What a programme's budget of a year has, holds for open and paid settlements, and has left. */
    public record Budget(Program program, int year, BigDecimal budget, BigDecimal reserved, BigDecimal left) {
    }

    /** The bank's results applied: instruction ids paid, failed, absent from the file (failed too), and unknown to the settlement. */
    public record Reconciliation(Settlement settlement, List<String> paid, List<String> failed, List<String> unmatched,
                                 List<String> unknown) {
    }

    public static String reference(long settlementId) {
        return "settlement " + settlementId;
    }

    /**
     * A new settlement holding the programme's CONFIRMED claims triggered in [from, to] that no open
     * settlement holds, reserving their total on the budget of today's year; its instructions are
     * still to build (state PREPARING). Refused whole when there is nothing to settle or the total
     * exceeds what the budget has left.
     */
    @Transactional
    public long reserve(Program program, LocalDate from, LocalDate to, String preparedBy, LocalDate today) {
        int year = today.getYear();
        String name = program.publicName();
        BigDecimal budget = store.lockBudget(program, year).orElseThrow(() -> new SettlementRefused(
                "no budget of " + name + " for " + year + " (预算未设置): nothing can be settled on it"));
        List<Candidate> toSettle = store.toSettle(program, from, to);
        if (toSettle.isEmpty()) {
            throw new SettlementRefused("nothing to settle (无可结算的补贴): no CONFIRMED claim of " + name + " triggered " + from
                    + "–" + to + " outside an open settlement");
        }
        BigDecimal total = toSettle.stream().map(Candidate::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        BigDecimal left = budget.subtract(store.reserved(program, year)).setScale(2);
        if (total.compareTo(left) > 0) {
            throw new SettlementRefused("the settlement's total " + total.toPlainString() + " (" + toSettle.size()
                    + " claims) exceeds what is left of the " + name + " budget of " + year + " (预算余额不足): "
                    + left.toPlainString() + " left of " + budget.setScale(2).toPlainString());
        }
        return store.insert(program, from, to, year, toSettle, preparedBy, today, now());
    }

    /**
     * The checker's approval: every claim still CONFIRMED becomes PAID, any other (cancelled
     * meanwhile) is left out and its instruction shrinks. One transaction under the settlement's
     * lock: a crash pays nothing, a second approval finds it APPROVED and changes nothing.
     */
    @Transactional
    public Settlement approve(long settlementId, String approver, LocalDate today) {
        Settlement settlement = store.lock(settlementId).orElseThrow(() -> notFound(settlementId));
        if (settlement.preparedBy().equals(approver)) {
            throw new MakerCheckerViolation(approver + " prepared settlement " + settlementId
                    + "; another person must approve it (制单人不得复核)");
        }
        switch (settlement.state()) {
            case APPROVED, RECONCILED -> {
                return settlement;
            }
            case PREPARING -> throw new SettlementRefused("settlement " + settlementId
                    + " is still being prepared: its payment instructions are not complete");
            case PREPARED -> { }
        }
        List<ClaimChange> paid = new ArrayList<>();
        int count = 0;
        BigDecimal total = BigDecimal.ZERO;
        for (HeldClaim held : store.claims(settlementId)) {
            ClaimRecord claim = claims.lock(held.claimId()).orElseThrow();
            if (claim.status() == ClaimStatus.CONFIRMED) {
                paid.add(new ClaimChange(claim, claim.withState(ClaimStatus.PAID)));
                count++;
                total = total.add(held.amount());
            } else {
                store.leaveOut(settlementId, held);
            }
        }
        claims.changeState(paid, new Actor(approver, today, reference(settlementId)));
        store.markApproved(settlementId, count, total.setScale(2), approver, today, now());
        return store.find(settlementId).orElseThrow();
    }

    /**
     * The bank's results: a PAID line closes its instruction as paid; a FAILED line, and every
     * instruction the file does not name, closes it as failed and returns its claims to CONFIRMED
     * (their budget given back) for a later settlement. Lines naming no instruction of this
     * settlement are listed as unknown. The settlement is then RECONCILED.
     */
    @Transactional
    public Reconciliation reconcile(long settlementId, List<Line> lines, String user, LocalDate today) {
        Settlement settlement = store.lock(settlementId).orElseThrow(() -> notFound(settlementId));
        if (settlement.state() != SettlementState.APPROVED) {
            throw new SettlementRefused("settlement " + settlementId + " is " + settlement.state()
                    + ": only an APPROVED settlement is reconciled"
                    + (settlement.state() == SettlementState.RECONCILED ? " (reconciled on " + settlement.reconciledOn() + ")" : ""));
        }
        Map<String, Instruction> instructions = store.instructions(settlementId).stream()
                .collect(Collectors.toMap(Instruction::id, Function.identity()));
        Map<String, Line> byInstruction = lines.stream().collect(Collectors.toMap(Line::instructionId, Function.identity()));
        List<String> paid = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        List<String> unknown = lines.stream().map(Line::instructionId).filter(id -> !instructions.containsKey(id)).toList();
        Map<String, List<String>> openClaimsByInstruction = store.claims(settlementId).stream()
                .filter(c -> c.outcome() == null && c.instructionId() != null)
                .collect(Collectors.groupingBy(HeldClaim::instructionId, Collectors.mapping(HeldClaim::claimId, Collectors.toList())));
        List<String> failedClaims = new ArrayList<>();
        for (Instruction instruction : instructions.values().stream().sorted(Comparator.comparing(Instruction::id)).toList()) {
            Line line = byInstruction.get(instruction.id());
            if (line != null && line.status() == ReconciliationFile.Status.PAID) {
                store.markInstructionPaid(instruction.id(), line.bankReference(), line.paidOn());
                paid.add(instruction.id());
                continue;
            }
            (line == null ? unmatched : failed).add(instruction.id());
            failedClaims.addAll(openClaimsByInstruction.getOrDefault(instruction.id(), List.of()));
            store.markInstructionFailed(instruction.id(), line == null ? null : line.bankReference());
        }
        List<ClaimChange> back = new ArrayList<>();
        for (String claimId : failedClaims.stream().sorted().toList()) {
            ClaimRecord claim = claims.lock(claimId).orElseThrow();
            // a claim that moved on from PAID meanwhile (e.g. clawback due) keeps its state; only the payment failed
            if (claim.status() == ClaimStatus.PAID) {
                back.add(new ClaimChange(claim, claim.withState(ClaimStatus.CONFIRMED)));
            }
        }
        claims.changeState(back, new Actor(user, today, reference(settlementId)));
        store.markReconciled(settlementId, user, today, now());
        return new Reconciliation(store.find(settlementId).orElseThrow(), paid, failed, unmatched, unknown);
    }

    public Budget budget(Program program, int year) {
        BigDecimal budget = store.budget(program, year).orElseThrow(() -> new SettlementNotFound(
                "no budget of " + program.publicName() + " for " + year));
        BigDecimal reserved = store.reserved(program, year);
        return new Budget(program, year, budget.setScale(2), reserved, budget.subtract(reserved).setScale(2));
    }

    public Settlement settlement(long settlementId) {
        return store.find(settlementId).orElseThrow(() -> notFound(settlementId));
    }

    private static SettlementNotFound notFound(long settlementId) {
        return new SettlementNotFound("no settlement " + settlementId);
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
