package cn.shanghai.techfinance.subsidy.claims;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.outbox.Outbox;
import cn.shanghai.techfinance.outbox.OutboxRecord;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * subsidy-batch's claims. Every insert and every change of state goes through here: it stores the
 * new state, records the transition in the audit trail ({@code claim_transition}: who, when, on
 * which business date, from and to) and puts the claim's new state in the outbox for {@code
 * tf.subsidy.claims.v1}, all in the caller's transaction.
 */
@Repository
public class ClaimStore {

    private static final String COLUMNS = "claim_id, program, bank_code, uscc, application_no, approval_no, contract_no,"
            + " installment_no, trigger_date, base_amount, ratio, amount, status, reasons, rule_version, version, computed_for,"
            + " confirmation_deadline";
    /** What a claim is read with: its columns, its payee, and the latest settlement that held it. */
    static final String SELECT = "SELECT " + COLUMNS + ", published_on, payee_name, payee_account, payee_bank,"
            + " (SELECT MAX(sc.settlement_id) FROM settlement_claim sc WHERE sc.claim_id = claim.claim_id) AS settlement_id"
            + " FROM claim";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;

    public ClaimStore(JdbcTemplate jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Stores newly computed claims (version 1); the trail records each as coming from no state. */
    public void insert(List<ClaimRecord> claims, Actor actor) {
        Instant now = clock.instant();
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        jdbc.batchUpdate("INSERT INTO claim (" + COLUMNS + ", created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                claims.stream().map(c -> new Object[] {c.claimId(), c.program().name(), c.bankCode(), c.uscc(), c.applicationNo(),
                        c.approvalNo(), c.contractNo(), c.installmentNo(), c.triggerDate(), c.baseAmount(), c.ratio(), c.amount(),
                        c.status().name(), reasons(c.reasons()), c.ruleVersion(), c.version(), c.computedFor(),
                        c.confirmationDeadline(), at, at}).toList());
        record(claims.stream().map(c -> new Transition(null, c)).toList(), actor, at);
        publish(claims, now);
    }

    /**
     * Stores the next state of existing claims. Each {@code before} must still be the stored version:
     * a claim changed meanwhile (a firm's confirmation racing the night's forfeiture) fails the whole
     * change with {@link ConcurrentClaimChange}, and the caller's transaction rolls back.
     */
    public void changeState(List<ClaimChange> changes, Actor actor) {
        if (changes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        int[] updated = jdbc.batchUpdate("UPDATE claim SET status = ?, reasons = ?, version = ?, confirmation_deadline = ?,"
                        + " published_on = ?, payee_name = ?, payee_account = ?, payee_bank = ?, updated_at = ?"
                        + " WHERE claim_id = ? AND version = ?",
                changes.stream().map(ClaimChange::after).map(c -> new Object[] {c.status().name(), reasons(c.reasons()), c.version(),
                        c.confirmationDeadline(), c.publishedOn(), c.payee() == null ? null : c.payee().name(),
                        c.payee() == null ? null : c.payee().account(), c.payee() == null ? null : c.payee().bank(), at,
                        c.claimId(), c.version() - 1}).toList());
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                throw new ConcurrentClaimChange(changes.get(i).before().claimId());
            }
        }
        record(changes.stream().map(c -> new Transition(c.before().status(), c.after())).toList(), actor, at);
        publish(changes.stream().map(ClaimChange::after).toList(), now);
    }

    public Optional<ClaimRecord> find(String claimId) {
        return jdbc.query(SELECT + " WHERE claim_id = ?", ClaimStore::claim, claimId).stream().findFirst();
    }

    /** The claim, locked until the caller's transaction ends (FOR UPDATE). */
    public Optional<ClaimRecord> lock(String claimId) {
        return jdbc.query(SELECT + " WHERE claim_id = ? FOR UPDATE", ClaimStore::claim, claimId).stream().findFirst();
    }

    public List<ClaimRecord> ofContract(String bankCode, String contractNo) {
        return jdbc.query(SELECT + " WHERE program = 'HKZD' AND bank_code = ? AND contract_no = ? ORDER BY installment_no",
                ClaimStore::claim, bankCode, contractNo);
    }

    /** The claim of an LYD approval or of a 科技保险 policy (its insurer's code, its policyNo): at most one. */
    public List<ClaimRecord> ofUnit(Program program, String bankCode, String approvalNo) {
        return jdbc.query(SELECT + " WHERE program = ? AND bank_code = ? AND approval_no = ?", ClaimStore::claim, program.name(), bankCode,
                approvalNo);
    }

    public List<ClaimRecord> ofFirm(String uscc) {
        return jdbc.query(SELECT + " WHERE uscc = ? ORDER BY trigger_date, claim_id", ClaimStore::claim, uscc);
    }

    /** The claims on a bank's loans, by claim id, a page of at most {@code limit} after {@code afterClaimId} (null: from the first). */
    public List<ClaimRecord> ofBank(String bankCode, String afterClaimId, int limit) {
        return jdbc.query(SELECT + " WHERE bank_code = ? AND claim_id > ? ORDER BY claim_id LIMIT ?",
                ClaimStore::claim, bankCode, afterClaimId == null ? "" : afterClaimId, limit);
    }

    /** A programme's claims in a status whose trigger date lies in [from, to], in claim-id order. */
    public List<ClaimRecord> inStatus(Program program, ClaimStatus status, LocalDate from, LocalDate to) {
        return jdbc.query(SELECT + " WHERE program = ? AND status = ? AND trigger_date BETWEEN ? AND ? ORDER BY claim_id",
                ClaimStore::claim, program.name(), status.name(), from, to);
    }

    /** Claims triggered on or before {@code through}, LYD first, each programme in key order. */
    public List<ClaimRecord> triggeredThrough(LocalDate through) {
        return jdbc.query(SELECT + " WHERE trigger_date <= ?"
                + " ORDER BY program DESC, bank_code, approval_no, contract_no, installment_no", ClaimStore::claim, through);
    }

    private record Transition(ClaimStatus from, ClaimRecord to) {
    }

    private void record(List<Transition> transitions, Actor actor, LocalDateTime at) {
        jdbc.batchUpdate("INSERT INTO claim_transition (claim_id, claim_version, from_status, to_status, actor, business_date,"
                        + " changed_at, reference) VALUES (?,?,?,?,?,?,?,?)",
                transitions.stream().map(t -> new Object[] {t.to().claimId(), t.to().version(),
                        t.from() == null ? null : t.from().name(), t.to().status().name(), actor.user(), actor.businessDate(), at,
                        actor.reference()}).toList());
    }

    private void publish(List<ClaimRecord> claims, Instant now) {
        outbox.append(claims.stream().map(c -> new OutboxRecord(Topics.SUBSIDY_CLAIMS, c.uscc().getBytes(StandardCharsets.UTF_8),
                ContractJson.write(c.toEvent(now)), Map.of())).toList(), now);
    }

    private static String reasons(List<ReasonCode> reasons) {
        return String.join(";", reasons.stream().map(ReasonCode::name).toList());
    }

    static ClaimRecord claim(ResultSet rs, int row) throws SQLException {
        String reasons = rs.getString("reasons");
        return new ClaimRecord(rs.getString("claim_id"), Program.valueOf(rs.getString("program")), rs.getString("bank_code"),
                rs.getString("uscc"), rs.getString("application_no"), rs.getString("approval_no"), rs.getString("contract_no"),
                rs.getObject("installment_no", Integer.class), rs.getObject("trigger_date", LocalDate.class),
                rs.getBigDecimal("base_amount"), rs.getBigDecimal("ratio"), rs.getBigDecimal("amount"),
                ClaimStatus.valueOf(rs.getString("status")),
                reasons.isEmpty() ? List.of() : Arrays.stream(reasons.split(";")).map(ReasonCode::valueOf).toList(),
                rs.getString("rule_version"), rs.getLong("version"), rs.getObject("computed_for", LocalDate.class),
                rs.getObject("confirmation_deadline", LocalDate.class), rs.getObject("published_on", LocalDate.class),
                rs.getString("payee_account") == null ? null
                        : new Payee(rs.getString("payee_name"), rs.getString("payee_account"), rs.getString("payee_bank")),
                rs.getObject("settlement_id", Long.class));
    }
}
