package cn.shanghai.techfinance.subsidy.settlement;

import cn.shanghai.techfinance.subsidy.rules.Program;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Settlements, the claims they hold, their payment instructions and the budgets they draw on
 * (tables settlement, settlement_claim, payment_instruction, budget). Claims' states are not
 * changed here: that is {@link cn.shanghai.techfinance.subsidy.claims.ClaimStore}'s.
 */
@Repository
public class SettlementStore {

    private static final String SETTLEMENT = "SELECT id, program, period_from, period_to, state, budget_year, claim_count, total,"
            + " prepared_by, prepared_on, approved_by, approved_on, approved_at, reconciled_by, reconciled_on FROM settlement";
    private static final String INSTRUCTION = "SELECT id, settlement_id, payee_uscc, payee_name, payee_account, payee_bank, amount,"
            + " claim_count, status, bank_reference, paid_on FROM payment_instruction";
    /** What a settlement draws on its budget: every claim it holds but those failed or left out. */
    private static final String RESERVED = "SELECT COALESCE(SUM(sc.amount), 0) FROM settlement_claim sc"
            + " JOIN settlement s ON s.id = sc.settlement_id WHERE s.program = ? AND s.budget_year = ?"
            + " AND (sc.outcome IS NULL OR sc.outcome NOT IN ('FAILED', 'LEFT_OUT'))";

    private final JdbcTemplate jdbc;

    public SettlementStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Settlement(long id, Program program, LocalDate from, LocalDate to, SettlementState state, int budgetYear,
                             int claimCount, BigDecimal total, String preparedBy, LocalDate preparedOn, String approvedBy,
                             LocalDate approvedOn, LocalDateTime approvedAt, String reconciledBy, LocalDate reconciledOn) {
    }

    /** One payment instruction; status null until reconciled (PAID or FAILED). */
    public record Instruction(String id, long settlementId, String payeeUscc, String payeeName, String payeeAccount,
                              String payeeBank, BigDecimal amount, int claimCount, String status, String bankReference,
                              LocalDate paidOn) {
    }

    /** A claim as a settlement holds it; instructionId null until the preparation job grouped it. */
    public record HeldClaim(String claimId, String instructionId, BigDecimal amount, ClaimOutcome outcome) {
    }

    /** A claim to settle: id and amount. */
    public record Candidate(String claimId, BigDecimal amount) {
    }

    /** One firm's payee account in a settlement, numbered in (USCC, account) order from 1. */
    public record PayeeGroup(long settlementId, int number, String uscc, String account) {
    }

    // --- budget ---

    /** The programme's budget of that year, locked until the transaction ends: preparations of one budget go one at a time. */
    public Optional<BigDecimal> lockBudget(Program program, int year) {
        return jdbc.queryForList("SELECT amount FROM budget WHERE program = ? AND budget_year = ? FOR UPDATE", BigDecimal.class,
                program.publicName(), year).stream().findFirst();
    }

    public Optional<BigDecimal> budget(Program program, int year) {
        return jdbc.queryForList("SELECT amount FROM budget WHERE program = ? AND budget_year = ?", BigDecimal.class,
                program.publicName(), year).stream().findFirst();
    }

    public BigDecimal reserved(Program program, int year) {
        return jdbc.queryForObject(RESERVED, BigDecimal.class, program.publicName(), year).setScale(2);
    }

    // --- preparation ---

    /** The programme's CONFIRMED claims triggered in [from, to] that no open settlement holds, in claim-id order. */
    public List<Candidate> toSettle(Program program, LocalDate from, LocalDate to) {
        return jdbc.query("SELECT claim_id, amount FROM claim c WHERE program = ? AND status = 'CONFIRMED' AND trigger_date BETWEEN ? AND ?"
                        + " AND NOT EXISTS (SELECT 1 FROM settlement_claim sc WHERE sc.open_claim_id = c.claim_id) ORDER BY claim_id",
                (rs, row) -> new Candidate(rs.getString(1), rs.getBigDecimal(2)), program.name(), from, to);
    }

    /** A new settlement in PREPARING holding the claims (open for each): that reserves their amount on the budget. */
    public long insert(Program program, LocalDate from, LocalDate to, int budgetYear, List<Candidate> claims, String preparedBy,
                       LocalDate preparedOn, LocalDateTime at) {
        BigDecimal total = claims.stream().map(Candidate::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("INSERT INTO settlement (program, period_from, period_to, state, budget_year,"
                    + " claim_count, total, prepared_by, prepared_on, prepared_at) VALUES (?,?,?,?,?,?,?,?,?,?)", new String[] {"id"});
            insert.setString(1, program.publicName());
            insert.setObject(2, from);
            insert.setObject(3, to);
            insert.setString(4, SettlementState.PREPARING.name());
            insert.setInt(5, budgetYear);
            insert.setInt(6, claims.size());
            insert.setBigDecimal(7, total);
            insert.setString(8, preparedBy);
            insert.setObject(9, preparedOn);
            insert.setObject(10, at);
            return insert;
        }, key);
        long id = key.getKey().longValue();
        jdbc.batchUpdate("INSERT INTO settlement_claim (settlement_id, claim_id, amount, open_claim_id) VALUES (?,?,?,?)",
                claims.stream().map(c -> new Object[] {id, c.claimId(), c.amount(), c.claimId()}).toList());
        return id;
    }

    /** Every (USCC, payee account) of the settlement's claims, numbered in that order: the instructions to build. */
    public List<PayeeGroup> payeeGroups(long settlementId) {
        List<String[]> groups = jdbc.query("SELECT DISTINCT c.uscc, c.payee_account FROM settlement_claim sc"
                        + " JOIN claim c ON c.claim_id = sc.claim_id WHERE sc.settlement_id = ? ORDER BY c.uscc, c.payee_account",
                (rs, row) -> new String[] {rs.getString(1), rs.getString(2)}, settlementId);
        return IntStream.range(0, groups.size())
                .mapToObj(i -> new PayeeGroup(settlementId, i + 1, groups.get(i)[0], groups.get(i)[1])).toList();
    }

    public boolean hasInstruction(String instructionId) {
        return !jdbc.queryForList("SELECT id FROM payment_instruction WHERE id = ?", String.class, instructionId).isEmpty();
    }

    /** The claims of one payee group with the payee's name and bank as their firm confirmed them, in claim-id order. */
    public List<GroupClaim> groupClaims(PayeeGroup group) {
        return jdbc.query("SELECT sc.claim_id, sc.amount, c.payee_name, c.payee_bank FROM settlement_claim sc"
                        + " JOIN claim c ON c.claim_id = sc.claim_id WHERE sc.settlement_id = ? AND c.uscc = ? AND c.payee_account = ?"
                        + " ORDER BY sc.claim_id",
                (rs, row) -> new GroupClaim(rs.getString(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4)),
                group.settlementId(), group.uscc(), group.account());
    }

    public record GroupClaim(String claimId, BigDecimal amount, String payeeName, String payeeBank) {
    }

    public void insertInstruction(Instruction instruction, List<String> claimIds) {
        jdbc.update("INSERT INTO payment_instruction (id, settlement_id, payee_uscc, payee_name, payee_account, payee_bank, amount,"
                        + " claim_count) VALUES (?,?,?,?,?,?,?,?)", instruction.id(), instruction.settlementId(), instruction.payeeUscc(),
                instruction.payeeName(), instruction.payeeAccount(), instruction.payeeBank(), instruction.amount(),
                instruction.claimCount());
        jdbc.batchUpdate("UPDATE settlement_claim SET instruction_id = ? WHERE settlement_id = ? AND claim_id = ?",
                claimIds.stream().map(id -> new Object[] {instruction.id(), instruction.settlementId(), id}).toList());
    }

    /** Claims of the settlement the job has not put in an instruction yet. */
    public int ungrouped(long settlementId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM settlement_claim WHERE settlement_id = ? AND instruction_id IS NULL",
                Integer.class, settlementId);
    }

    /** PREPARING → PREPARED; false when it was not PREPARING (a restarted job's last step run again). */
    public boolean markPrepared(long settlementId) {
        return jdbc.update("UPDATE settlement SET state = 'PREPARED' WHERE id = ? AND state = 'PREPARING'", settlementId) == 1;
    }

    // --- reading ---

    public Optional<Settlement> find(long id) {
        return jdbc.query(SETTLEMENT + " WHERE id = ?", SettlementStore::settlement, id).stream().findFirst();
    }

    /** The settlement, locked until the transaction ends: approvals and reconciliations of it go one at a time. */
    public Optional<Settlement> lock(long id) {
        return jdbc.query(SETTLEMENT + " WHERE id = ? FOR UPDATE", SettlementStore::settlement, id).stream().findFirst();
    }

    public List<Settlement> all() {
        return jdbc.query(SETTLEMENT + " ORDER BY id", SettlementStore::settlement);
    }

    public List<Instruction> instructions(long settlementId) {
        return jdbc.query(INSTRUCTION + " WHERE settlement_id = ? ORDER BY id", SettlementStore::instruction, settlementId);
    }

    public List<HeldClaim> claims(long settlementId) {
        return jdbc.query("SELECT claim_id, instruction_id, amount, outcome FROM settlement_claim WHERE settlement_id = ?"
                + " ORDER BY claim_id", (rs, row) -> new HeldClaim(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                rs.getString(4) == null ? null : ClaimOutcome.valueOf(rs.getString(4))), settlementId);
    }

    // --- approval ---

    /** The claim is not paid by this settlement: closed for it, and taken out of its instruction (removed once empty). */
    public void leaveOut(long settlementId, HeldClaim claim) {
        jdbc.update("UPDATE settlement_claim SET outcome = 'LEFT_OUT', open_claim_id = NULL WHERE settlement_id = ? AND claim_id = ?",
                settlementId, claim.claimId());
        jdbc.update("UPDATE payment_instruction SET amount = amount - ?, claim_count = claim_count - 1 WHERE id = ?", claim.amount(),
                claim.instructionId());
        jdbc.update("DELETE FROM payment_instruction WHERE id = ? AND claim_count = 0", claim.instructionId());
    }

    public void markApproved(long settlementId, int claimCount, BigDecimal total, String by, LocalDate on, LocalDateTime at) {
        jdbc.update("UPDATE settlement SET state = 'APPROVED', claim_count = ?, total = ?, approved_by = ?, approved_on = ?,"
                + " approved_at = ? WHERE id = ?", claimCount, total, by, on, at, settlementId);
    }

    // --- reconciliation ---

    public void markInstructionPaid(String instructionId, String bankReference, LocalDate paidOn) {
        jdbc.update("UPDATE payment_instruction SET status = 'PAID', bank_reference = ?, paid_on = ? WHERE id = ?", bankReference,
                paidOn, instructionId);
        close(instructionId, ClaimOutcome.PAID);
    }

    public void markInstructionFailed(String instructionId, String bankReference) {
        jdbc.update("UPDATE payment_instruction SET status = 'FAILED', bank_reference = ? WHERE id = ?", bankReference, instructionId);
        close(instructionId, ClaimOutcome.FAILED);
    }

    /** The instruction's claims (those not left out) are done with this settlement: outcome set, no longer open. */
    private void close(String instructionId, ClaimOutcome outcome) {
        jdbc.update("UPDATE settlement_claim SET outcome = ?, open_claim_id = NULL WHERE instruction_id = ? AND outcome IS NULL",
                outcome.name(), instructionId);
    }

    public void markReconciled(long settlementId, String by, LocalDate on, LocalDateTime at) {
        jdbc.update("UPDATE settlement SET state = 'RECONCILED', reconciled_by = ?, reconciled_on = ?, reconciled_at = ? WHERE id = ?",
                by, on, at, settlementId);
    }

    private static Settlement settlement(ResultSet rs, int row) throws SQLException {
        return new Settlement(rs.getLong("id"), Program.ofPublicName(rs.getString("program")).orElseThrow(),
                rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
                SettlementState.valueOf(rs.getString("state")), rs.getInt("budget_year"), rs.getInt("claim_count"),
                rs.getBigDecimal("total"), rs.getString("prepared_by"), rs.getObject("prepared_on", LocalDate.class),
                rs.getString("approved_by"), rs.getObject("approved_on", LocalDate.class),
                rs.getObject("approved_at", LocalDateTime.class), rs.getString("reconciled_by"),
                rs.getObject("reconciled_on", LocalDate.class));
    }

    private static Instruction instruction(ResultSet rs, int row) throws SQLException {
        return new Instruction(rs.getString("id"), rs.getLong("settlement_id"), rs.getString("payee_uscc"), rs.getString("payee_name"),
                rs.getString("payee_account"), rs.getString("payee_bank"), rs.getBigDecimal("amount"), rs.getInt("claim_count"),
                rs.getString("status"), rs.getString("bank_reference"), rs.getObject("paid_on", LocalDate.class));
    }
}
