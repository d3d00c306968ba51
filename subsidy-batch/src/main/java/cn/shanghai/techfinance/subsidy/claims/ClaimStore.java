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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * subsidy-batch's claims. Every insert and every change of state also puts the claim's new state
 * in the outbox for {@code tf.subsidy.claims.v1}, in the same transaction.
 */
@Repository
public class ClaimStore {

    private static final String COLUMNS = "claim_id, program, bank_code, uscc, application_no, approval_no, contract_no,"
            + " installment_no, trigger_date, base_amount, ratio, amount, status, reasons, rule_version, version, computed_for,"
            + " confirmation_deadline";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    public ClaimStore(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    public void insert(List<ClaimRecord> claims, Instant now) {
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        jdbc.batchUpdate("INSERT INTO claim (" + COLUMNS + ", created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                claims.stream().map(c -> new Object[] {c.claimId(), c.program().name(), c.bankCode(), c.uscc(), c.applicationNo(),
                        c.approvalNo(), c.contractNo(), c.installmentNo(), c.triggerDate(), c.baseAmount(), c.ratio(), c.amount(),
                        c.status().name(), reasons(c.reasons()), c.ruleVersion(), c.version(), c.computedFor(),
                        c.confirmationDeadline(), at, at}).toList());
        publish(claims, now);
    }

    /** Stores a new state of existing claims; {@code version} must be one more than the stored one. */
    public void changeState(List<ClaimRecord> claims, Instant now) {
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        int[] updated = jdbc.batchUpdate("UPDATE claim SET status = ?, reasons = ?, version = ?, confirmation_deadline = ?,"
                        + " updated_at = ? WHERE claim_id = ? AND version = ?",
                claims.stream().map(c -> new Object[] {c.status().name(), reasons(c.reasons()), c.version(), c.confirmationDeadline(),
                        at, c.claimId(), c.version() - 1}).toList());
        if (Arrays.stream(updated).anyMatch(n -> n == 0)) {
            throw new IllegalStateException("a claim changed concurrently; the transaction is rolled back");
        }
        publish(claims, now);
    }

    public List<ClaimRecord> ofContract(String bankCode, String contractNo) {
        return jdbc.query("SELECT " + COLUMNS + " FROM claim WHERE program = 'HKZD' AND bank_code = ? AND contract_no = ?"
                + " ORDER BY installment_no", ClaimStore::claim, bankCode, contractNo);
    }

    public List<ClaimRecord> ofFirm(String uscc) {
        return jdbc.query("SELECT " + COLUMNS + " FROM claim WHERE uscc = ? ORDER BY trigger_date, claim_id", ClaimStore::claim, uscc);
    }

    /** The claims on a bank's loans, by claim id, a page of at most {@code limit} after {@code afterClaimId} (null: from the first). */
    public List<ClaimRecord> ofBank(String bankCode, String afterClaimId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM claim WHERE bank_code = ? AND claim_id > ? ORDER BY claim_id LIMIT ?",
                ClaimStore::claim, bankCode, afterClaimId == null ? "" : afterClaimId, limit);
    }

    /** Claims triggered on or before {@code through}, LYD first, each programme in key order. */
    public List<ClaimRecord> triggeredThrough(LocalDate through) {
        return jdbc.query("SELECT " + COLUMNS + " FROM claim WHERE trigger_date <= ?"
                + " ORDER BY program DESC, bank_code, approval_no, contract_no, installment_no", ClaimStore::claim, through);
    }

    private void publish(List<ClaimRecord> claims, Instant now) {
        outbox.append(claims.stream().map(c -> new OutboxRecord(Topics.SUBSIDY_CLAIMS, c.uscc().getBytes(StandardCharsets.UTF_8),
                ContractJson.write(c.toEvent(now)), Map.of())).toList(), now);
    }

    private static String reasons(List<ReasonCode> reasons) {
        return String.join(";", reasons.stream().map(ReasonCode::name).toList());
    }

    private static ClaimRecord claim(ResultSet rs, int row) throws SQLException {
        String reasons = rs.getString("reasons");
        return new ClaimRecord(rs.getString("claim_id"), Program.valueOf(rs.getString("program")), rs.getString("bank_code"),
                rs.getString("uscc"), rs.getString("application_no"), rs.getString("approval_no"), rs.getString("contract_no"),
                rs.getObject("installment_no", Integer.class), rs.getObject("trigger_date", LocalDate.class),
                rs.getBigDecimal("base_amount"), rs.getBigDecimal("ratio"), rs.getBigDecimal("amount"),
                ClaimStatus.valueOf(rs.getString("status")),
                reasons.isEmpty() ? List.of() : Arrays.stream(reasons.split(";")).map(ReasonCode::valueOf).toList(),
                rs.getString("rule_version"), rs.getLong("version"), rs.getObject("computed_for", LocalDate.class),
                rs.getObject("confirmation_deadline", LocalDate.class));
    }
}
