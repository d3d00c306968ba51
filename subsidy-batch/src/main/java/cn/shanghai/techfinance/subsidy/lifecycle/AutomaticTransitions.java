package cn.shanghai.techfinance.subsidy.lifecycle;

import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.ClaimChange;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.lifecycle.PendingTransition.Forfeiture;
import cn.shanghai.techfinance.subsidy.lifecycle.PendingTransition.LoanDefault;
import cn.shanghai.techfinance.subsidy.lifecycle.PendingTransition.PolicyCancellation;
import cn.shanghai.techfinance.subsidy.programs.ProgramDefinitions;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimState;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.UnconfirmedForfeiture;
import cn.shanghai.techfinance.subsidy.rules.hkzd.LoanDefaultCancellation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The transitions of claims that nobody decides (subsidy-rules.md §5): forfeiture of an unconfirmed
 * published claim, cancellation on a loan's default, cancellation or clawback on a policy cancelled
 * after the loan's settlement date, or on a 科技保险 policy cancelled (§4a). What is pending comes from the claims themselves (PUBLISHED
 * past confirmBy) and from the defaults and cancellations the night's discovery found in the ledger
 * ({@code defaulted_contract}, {@code cancelled_policy}), each kept unprocessed until applied.
 *
 * <p>Each transition is judged against its claims as they are when it is applied (locked, so that a
 * person's action on the same claim waits), and every change goes through {@link ClaimStore} as the
 * night's: audit trail and claim event included. Applying one again changes nothing: a claim past
 * the state the transition starts from is left as it is, and a default or cancellation applied is
 * marked processed in the same transaction.
 */
@Component
public class AutomaticTransitions {

    private final ClaimStore claims;
    private final JdbcTemplate jdbc;
    private final LoanDefaultCancellation loanDefault = new LoanDefaultCancellation();

    public AutomaticTransitions(ClaimStore claims, JdbcTemplate jdbc) {
        this.claims = claims;
        this.jdbc = jdbc;
    }

    /** Every transition effective on or before {@code businessDate} not yet applied, in the order to apply them. */
    public List<PendingTransition> pendingBy(LocalDate businessDate) {
        List<PendingTransition> pending = new ArrayList<>(jdbc.query(
                "SELECT claim_id, confirmation_deadline FROM claim WHERE status = 'PUBLISHED' AND confirmation_deadline < ?",
                (rs, n) -> new Forfeiture(rs.getString(1), rs.getObject(2, LocalDate.class)), businessDate));
        pending.addAll(jdbc.query("SELECT bank_code, contract_no, defaulted_on FROM defaulted_contract"
                        + " WHERE processed = FALSE AND defaulted_on <= ?",
                (rs, n) -> new LoanDefault(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)), businessDate));
        // a cancellation waits for its claim: only once computed does its settlement date tell what it does
        pending.addAll(jdbc.query("SELECT p.program, p.bank_code, p.policy_no, p.approval_no, p.cancelled_on FROM cancelled_policy p"
                        + " WHERE p.processed = FALSE AND p.cancelled_on <= ? AND EXISTS (SELECT 1 FROM claim c"
                        + " WHERE c.program = p.program AND c.bank_code = p.bank_code AND c.approval_no = p.approval_no)",
                (rs, n) -> new PolicyCancellation(Program.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class)),
                businessDate));
        pending.sort(PendingTransition.ORDER);
        return pending;
    }

    /**
     * Applies one pending transition to its claims as they are now, as the night of {@code businessDate},
     * in the caller's transaction; answers how many claims changed.
     */
    public int apply(PendingTransition transition, LocalDate businessDate) {
        List<ClaimChange> changes;
        if (transition instanceof Forfeiture forfeiture) {
            changes = forfeit(forfeiture, businessDate);
        } else if (transition instanceof LoanDefault defaulted) {
            changes = cancelForDefault(defaulted);
            jdbc.update("UPDATE defaulted_contract SET processed = TRUE WHERE bank_code = ? AND contract_no = ?",
                    defaulted.bankCode(), defaulted.contractNo());
        } else {
            PolicyCancellation cancelled = (PolicyCancellation) transition;
            changes = applyCancellation(cancelled);
            jdbc.update("UPDATE cancelled_policy SET processed = TRUE WHERE bank_code = ? AND policy_no = ?",
                    cancelled.bankCode(), cancelled.policyNo());
        }
        claims.changeState(changes, Actor.night(businessDate));
        return changes.size();
    }

    /**
     * New claims of a contract whose default was already applied: the default is pending again, so
     * that an instalment paid before the default but computed after it is cancelled like the others.
     */
    public void reopenDefaultsOf(List<ClaimRecord> newClaims) {
        List<List<String>> contracts = newClaims.stream().filter(c -> c.program() == Program.HKZD && c.status() == ClaimStatus.COMPUTED)
                .map(c -> List.of(c.bankCode(), c.contractNo())).distinct().toList();
        // one statement per slice of contracts, not one per contract: most of them never defaulted
        for (int from = 0; from < contracts.size(); from += CONTRACTS_PER_UPDATE) {
            List<List<String>> slice = contracts.subList(from, Math.min(contracts.size(), from + CONTRACTS_PER_UPDATE));
            jdbc.update("UPDATE defaulted_contract SET processed = FALSE WHERE processed = TRUE AND (bank_code, contract_no) IN ("
                    + String.join(",", Collections.nCopies(slice.size(), "(?,?)")) + ")", slice.stream().flatMap(List::stream).toArray());
        }
    }

    private static final int CONTRACTS_PER_UPDATE = 500;

    private List<ClaimChange> forfeit(Forfeiture forfeiture, LocalDate businessDate) {
        return claims.lock(forfeiture.claimId())
                .filter(c -> UnconfirmedForfeiture.forfeits(c.status(), c.confirmationDeadline(), businessDate))
                .map(c -> List.of(new ClaimChange(c, c.withState(ClaimStatus.FORFEITED))))
                .orElse(List.of());
    }

    private List<ClaimChange> cancelForDefault(LoanDefault defaulted) {
        Map<ClaimKey, ClaimRecord> locked = claims.ofContract(defaulted.bankCode(), defaulted.contractNo()).stream()
                .map(c -> claims.lock(c.claimId()).orElseThrow())
                .collect(Collectors.toMap(c -> new ClaimKey.Hkzd(c.bankCode(), c.contractNo(), c.installmentNo()), Function.identity()));
        List<ClaimState> states = locked.entrySet().stream()
                .map(e -> new ClaimState(e.getKey(), e.getValue().status(), e.getValue().reasons())).toList();
        return loanDefault.cancel(defaulted.bankCode(), defaulted.contractNo(), states).stream()
                .map(cancelled -> {
                    ClaimRecord before = locked.get(cancelled.key());
                    return new ClaimChange(before, before.withState(cancelled.status(), cancelled.reasons()));
                })
                .toList();
    }

    private List<ClaimChange> applyCancellation(PolicyCancellation cancelled) {
        Optional<ClaimRecord> claim = claims.ofUnit(cancelled.program(), cancelled.bankCode(), cancelled.approvalNo()).stream().findFirst()
                .flatMap(c -> claims.lock(c.claimId()));
        return claim.flatMap(c -> ProgramDefinitions.of(cancelled.program()).afterPolicyCancelled(c, cancelled.cancelledOn())
                .map(next -> List.of(new ClaimChange(c, c.withState(next.status(), next.reasons())))))
                .orElse(List.of());
    }

}
