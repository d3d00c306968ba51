package cn.shanghai.techfinance.subsidy.ledger;

import cn.shanghai.techfinance.subsidy.rules.Program;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads intake-service's ledger: what the batches of its change feed in a window brought (to find
 * the claims a night must look at) and firms' names; {@link LedgerFacts} reads the facts the night
 * computes claims from. Intake accepts an event only once its parents are there, so the joins from
 * a fact up to its application always find a row.
 */
@Repository
public class LedgerReader {

    private final JdbcTemplate ledger;

    public LedgerReader(@Qualifier("ledger") JdbcTemplate ledger) {
        this.ledger = ledger;
    }

    /**
     * An LYD approval, HKZD instalment or 科技保险 policy that new ledger rows touched (a policy's
     * insurer code as bankCode and its policyNo as approvalNo).
     */
    public record TouchedUnit(Program program, String bankCode, String uscc, String approvalNo, String contractNo,
                              Integer installmentNo, LocalDate paidOn) {
    }

    public record DefaultedContract(String bankCode, String contractNo, LocalDate defaultedOn) {
    }

    /**
     * A policy cancelled (退保) on {@code cancelledOn}: on a contract of an LYD approval, or an
     * insurer's 科技保险 policy (the insurer's code as bankCode, its policyNo as approvalNo: the claim's).
     */
    public record CancelledPolicy(Program program, String bankCode, String policyNo, String approvalNo, LocalDate cancelledOn) {
    }

    /**
     * Ledger batches numbered in {@code (after, through]} of intake's change feed: the facts of the
     * transactions that committed after the batch numbered {@code after} and up to {@code through}.
     */
    public record Batches(long after, long through) {

        public Batches {
            if (through < after) {
                throw new IllegalArgumentException("batches (" + after + ", " + through + "]: the end is before the start");
            }
        }
    }

    /**
     * The number of the last committed ledger batch: intake numbers its batches in commit order,
     * without gaps, so every batch up to this one has committed and none will come later.
     */
    public long lastCommittedBatch() {
        return ledger.queryForObject("SELECT last_seq FROM ledger_sequence WHERE id = 1", Long.class);
    }

    /** HKZD instalments paid in the ledger batches {@code batches}. */
    public List<TouchedUnit> hkzdInstalmentsIn(Batches batches) {
        return ledger.query("SELECT STRAIGHT_JOIN ip.bank_code, a.uscc, c.approval_no, ip.contract_no, ip.installment_no, ip.paid_on"
                        + " FROM " + BATCHES + " JOIN interest_payment ip FORCE INDEX (ix_interest_batch) ON ip.batch_id = b.id"
                        + " JOIN loan_contract c FORCE INDEX (uk_contract) ON c.bank_code = ip.bank_code AND c.contract_no = ip.contract_no"
                        + APPROVAL_AND_APPLICATION
                        + IN_BATCHES + " AND a.program = 'HKZD'",
                (rs, n) -> new TouchedUnit(Program.HKZD, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getObject(6, LocalDate.class)),
                bounds(batches, 1));
    }

    /**
     * LYD approvals whose facts the ledger batches {@code batches} changed: a contract drawn or
     * renewing one of theirs, a settlement, a policy, a premium, a cancellation, an overdue or a default.
     */
    public List<TouchedUnit> lydApprovalsTouchedIn(Batches batches) {
        String touched = "SELECT STRAIGHT_JOIN c.bank_code, c.approval_no FROM " + BATCHES
                + "   JOIN loan_contract c FORCE INDEX (ix_contract_batch) ON c.batch_id = b.id" + IN_BATCHES
                + " UNION SELECT STRAIGHT_JOIN r.bank_code, r.approval_no FROM " + BATCHES
                + "   JOIN loan_contract c FORCE INDEX (ix_contract_batch) ON c.batch_id = b.id"
                + "   JOIN loan_contract r FORCE INDEX (uk_contract) ON r.bank_code = c.bank_code AND r.contract_no = c.renewal_of" + IN_BATCHES
                + " UNION SELECT STRAIGHT_JOIN c.bank_code, c.approval_no FROM " + BATCHES
                + "   JOIN loan_settlement s FORCE INDEX (ix_settlement_batch) ON s.batch_id = b.id"
                + "   JOIN loan_contract c FORCE INDEX (uk_contract) ON c.bank_code = s.bank_code AND c.contract_no = s.contract_no" + IN_BATCHES
                + " UNION SELECT STRAIGHT_JOIN c.bank_code, c.approval_no FROM " + BATCHES
                + "   JOIN loan_overdue o FORCE INDEX (ix_overdue_batch) ON o.batch_id = b.id"
                + "   JOIN loan_contract c FORCE INDEX (uk_contract) ON c.bank_code = o.bank_code AND c.contract_no = o.contract_no" + IN_BATCHES
                + " UNION SELECT STRAIGHT_JOIN c.bank_code, c.approval_no FROM " + BATCHES
                + "   JOIN loan_default d FORCE INDEX (ix_default_batch) ON d.batch_id = b.id"
                + "   JOIN loan_contract c FORCE INDEX (uk_contract) ON c.bank_code = d.bank_code AND c.contract_no = d.contract_no" + IN_BATCHES
                + " UNION SELECT STRAIGHT_JOIN c.bank_code, c.approval_no FROM " + BATCHES
                + "   JOIN insurance_policy p FORCE INDEX (ix_policy_batch) ON p.batch_id = b.id"
                + "   JOIN loan_contract c FORCE INDEX (uk_contract) ON c.bank_code = p.bank_code AND c.contract_no = p.contract_no" + IN_BATCHES
                + " UNION SELECT STRAIGHT_JOIN c.bank_code, c.approval_no FROM " + BATCHES
                + "   JOIN premium_payment pp FORCE INDEX (ix_premium_batch) ON pp.batch_id = b.id"
                + "   JOIN insurance_policy p FORCE INDEX (uk_policy) ON p.bank_code = pp.bank_code AND p.policy_no = pp.policy_no"
                + "   JOIN loan_contract c FORCE INDEX (uk_contract) ON c.bank_code = p.bank_code AND c.contract_no = p.contract_no" + IN_BATCHES
                + " UNION SELECT STRAIGHT_JOIN c.bank_code, c.approval_no FROM " + BATCHES
                + "   JOIN policy_cancellation pc FORCE INDEX (ix_cancellation_batch) ON pc.batch_id = b.id"
                + "   JOIN insurance_policy p FORCE INDEX (uk_policy) ON p.bank_code = pc.bank_code AND p.policy_no = pc.policy_no"
                + "   JOIN loan_contract c FORCE INDEX (uk_contract) ON c.bank_code = p.bank_code AND c.contract_no = p.contract_no" + IN_BATCHES;
        return ledger.query("SELECT STRAIGHT_JOIN t.bank_code, a.uscc, t.approval_no FROM (" + touched + ") t"
                        + " JOIN loan_approval ap FORCE INDEX (uk_approval) ON ap.bank_code = t.bank_code AND ap.approval_no = t.approval_no"
                        + " JOIN loan_application a FORCE INDEX (uk_application) ON a.bank_code = ap.bank_code AND a.application_no = ap.application_no"
                        + " WHERE a.program = 'LYD'",
                (rs, n) -> new TouchedUnit(Program.LYD, rs.getString(1), rs.getString(2), rs.getString(3), null, null, null),
                bounds(batches, 8));
    }

    /** Defaults recorded in the ledger batches {@code batches}. */
    public List<DefaultedContract> defaultsIn(Batches batches) {
        return ledger.query("SELECT STRAIGHT_JOIN d.bank_code, d.contract_no, d.defaulted_on FROM " + BATCHES
                        + " JOIN loan_default d FORCE INDEX (ix_default_batch) ON d.batch_id = b.id" + IN_BATCHES,
                (rs, n) -> new DefaultedContract(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)),
                bounds(batches, 1));
    }

    /** Cancellations of policies on LYD loans, recorded in the ledger batches {@code batches}. */
    public List<CancelledPolicy> lydPolicyCancellationsIn(Batches batches) {
        return ledger.query("SELECT STRAIGHT_JOIN pc.bank_code, pc.policy_no, c.approval_no, pc.cancelled_on FROM " + BATCHES
                        + " JOIN policy_cancellation pc FORCE INDEX (ix_cancellation_batch) ON pc.batch_id = b.id"
                        + " JOIN insurance_policy p FORCE INDEX (uk_policy) ON p.bank_code = pc.bank_code AND p.policy_no = pc.policy_no"
                        + " JOIN loan_contract c FORCE INDEX (uk_contract) ON c.bank_code = p.bank_code AND c.contract_no = p.contract_no"
                        + APPROVAL_AND_APPLICATION
                        + IN_BATCHES + " AND a.program = 'LYD'",
                (rs, n) -> new CancelledPolicy(Program.LYD, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class)),
                bounds(batches, 1));
    }

    /** 科技保险 policies whose facts the ledger batches {@code batches} changed: issued, or a premium paid. */
    public List<TouchedUnit> techPoliciesTouchedIn(Batches batches) {
        String touched = "SELECT STRAIGHT_JOIN p.insurer_code, p.policy_no FROM " + BATCHES
                + "   JOIN tech_policy p FORCE INDEX (ix_tech_policy_batch) ON p.batch_id = b.id" + IN_BATCHES
                + " UNION SELECT STRAIGHT_JOIN pp.insurer_code, pp.policy_no FROM " + BATCHES
                + "   JOIN tech_premium_payment pp FORCE INDEX (ix_tech_premium_batch) ON pp.batch_id = b.id" + IN_BATCHES;
        return ledger.query("SELECT STRAIGHT_JOIN t.insurer_code, p.uscc, t.policy_no FROM (" + touched + ") t"
                        + " JOIN tech_policy p FORCE INDEX (uk_tech_policy) ON p.insurer_code = t.insurer_code AND p.policy_no = t.policy_no",
                (rs, n) -> new TouchedUnit(Program.TECH_INSURANCE, rs.getString(1), rs.getString(2), rs.getString(3), null, null, null),
                bounds(batches, 2));
    }

    /** Cancellations of 科技保险 policies recorded in the ledger batches {@code batches}. */
    public List<CancelledPolicy> techPolicyCancellationsIn(Batches batches) {
        return ledger.query("SELECT STRAIGHT_JOIN pc.insurer_code, pc.policy_no, pc.cancelled_on FROM " + BATCHES
                        + " JOIN tech_policy_cancellation pc FORCE INDEX (ix_tech_cancellation_batch) ON pc.batch_id = b.id" + IN_BATCHES,
                (rs, n) -> new CancelledPolicy(Program.TECH_INSURANCE, rs.getString(1), rs.getString(2), rs.getString(2),
                        rs.getObject(3, LocalDate.class)),
                bounds(batches, 1));
    }

    /**
     * The change-feed reads start from the window's batches (STRAIGHT_JOIN: ledger_batch first, by
     * its seq index), reach each fact table by its batch_id index and go up to the contract, approval
     * and application by their unique keys (FORCE INDEX): a night reads its new facts and their
     * parents, never a scan of the history, whatever the statistics of small tables suggest.
     */
    private static final String BATCHES = "ledger_batch b FORCE INDEX (uk_ledger_batch_seq)";
    private static final String IN_BATCHES = " WHERE b.seq > ? AND b.seq <= ?";

    /** The window's bounds, once for each {@link #IN_BATCHES} of a statement. */
    private static Object[] bounds(Batches batches, int times) {
        Object[] values = new Object[2 * times];
        for (int i = 0; i < times; i++) {
            values[2 * i] = batches.after();
            values[2 * i + 1] = batches.through();
        }
        return values;
    }

    /**
     * Each firm's name (企业名称) as the ledger's latest firm snapshot of its USCC gives it: what a
     * publication list shows. A firm with no loan is named by the latest 科技保险 policy an insurer
     * reported it with. A USCC the ledger has no snapshot of is absent from the answer.
     */
    public Map<String, String> firmNames(Collection<String> usccs) {
        Map<String, String> names = latestNames("firm_snapshot", usccs);
        List<String> withoutLoan = usccs.stream().filter(uscc -> !names.containsKey(uscc)).toList();
        if (!withoutLoan.isEmpty()) {
            names.putAll(latestNames("tech_policy", withoutLoan));
        }
        return names;
    }

    private Map<String, String> latestNames(String table, Collection<String> usccs) {
        Map<String, String> names = new HashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(usccs));
        for (int from = 0; from < all.size(); from += NAMES_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + NAMES_PER_QUERY));
            // ascending id: a later snapshot of the same firm overwrites an earlier one
            ledger.query("SELECT uscc, name FROM " + table + " WHERE uscc IN (" + String.join(",", Collections.nCopies(chunk.size(), "?"))
                    + ") ORDER BY id", (ResultSet rs) -> {
                        names.put(rs.getString(1), rs.getString(2));
                    }, chunk.toArray());
        }
        return names;
    }

    private static final int NAMES_PER_QUERY = 500;

    private static final String APPROVAL_AND_APPLICATION =
            " JOIN loan_approval ap FORCE INDEX (uk_approval) ON ap.bank_code = c.bank_code AND ap.approval_no = c.approval_no"
            + " JOIN loan_application a FORCE INDEX (uk_application) ON a.bank_code = ap.bank_code AND a.application_no = ap.application_no";
}
