package cn.shanghai.techfinance.subsidy.ledger;

import cn.shanghai.techfinance.subsidy.rules.Program;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
 * Reads intake-service's ledger: what changed since a point in time (to find the claims a night
 * must look at) and firms' names; {@link LedgerFacts} reads the facts the night computes claims
 * from. Intake accepts an event only once its parents are there, so the joins from a fact up to
 * its application always find a row.
 */
@Repository
public class LedgerReader {

    private final JdbcTemplate ledger;

    public LedgerReader(@Qualifier("ledger") JdbcTemplate ledger) {
        this.ledger = ledger;
    }

    /** An LYD approval or HKZD instalment that new ledger rows touched. */
    public record TouchedUnit(Program program, String bankCode, String uscc, String approvalNo, String contractNo,
                              Integer installmentNo, LocalDate paidOn) {
    }

    public record DefaultedContract(String bankCode, String contractNo, LocalDate defaultedOn) {
    }

    /** A policy on a contract of an LYD approval, cancelled (退保) on {@code cancelledOn}. */
    public record CancelledPolicy(String bankCode, String policyNo, String approvalNo, LocalDate cancelledOn) {
    }

    /** The ledger's clock, so that reading "since" never depends on this service's clock. */
    public Instant now() {
        return ledger.queryForObject("SELECT UTC_TIMESTAMP(3)", LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    /** HKZD instalments recorded since {@code since}. */
    public List<TouchedUnit> instalmentsRecordedSince(Instant since) {
        return ledger.query("SELECT ip.bank_code, a.uscc, c.approval_no, ip.contract_no, ip.installment_no, ip.paid_on"
                        + " FROM interest_payment ip"
                        + " JOIN loan_contract c ON c.bank_code = ip.bank_code AND c.contract_no = ip.contract_no"
                        + APPROVAL_AND_APPLICATION
                        + " WHERE ip.recorded_at >= ? AND a.program = 'HKZD'",
                (rs, n) -> new TouchedUnit(Program.HKZD, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getObject(6, LocalDate.class)),
                utc(since));
    }

    /**
     * LYD approvals whose facts changed since {@code since}: a contract drawn or renewing one of
     * theirs, a settlement, a policy, a premium, a cancellation, an overdue or a default.
     */
    public List<TouchedUnit> lydApprovalsTouchedSince(Instant since) {
        String touched = "SELECT c.bank_code, c.approval_no FROM loan_contract c WHERE c.recorded_at >= ?"
                + " UNION SELECT r.bank_code, r.approval_no FROM loan_contract c"
                + "   JOIN loan_contract r ON r.bank_code = c.bank_code AND r.contract_no = c.renewal_of WHERE c.recorded_at >= ?"
                + " UNION SELECT c.bank_code, c.approval_no FROM loan_settlement s"
                + "   JOIN loan_contract c ON c.bank_code = s.bank_code AND c.contract_no = s.contract_no WHERE s.recorded_at >= ?"
                + " UNION SELECT c.bank_code, c.approval_no FROM loan_overdue o"
                + "   JOIN loan_contract c ON c.bank_code = o.bank_code AND c.contract_no = o.contract_no WHERE o.recorded_at >= ?"
                + " UNION SELECT c.bank_code, c.approval_no FROM loan_default d"
                + "   JOIN loan_contract c ON c.bank_code = d.bank_code AND c.contract_no = d.contract_no WHERE d.recorded_at >= ?"
                + " UNION SELECT c.bank_code, c.approval_no FROM insurance_policy p"
                + "   JOIN loan_contract c ON c.bank_code = p.bank_code AND c.contract_no = p.contract_no WHERE p.recorded_at >= ?"
                + " UNION SELECT c.bank_code, c.approval_no FROM premium_payment pp"
                + "   JOIN insurance_policy p ON p.bank_code = pp.bank_code AND p.policy_no = pp.policy_no"
                + "   JOIN loan_contract c ON c.bank_code = p.bank_code AND c.contract_no = p.contract_no WHERE pp.recorded_at >= ?"
                + " UNION SELECT c.bank_code, c.approval_no FROM policy_cancellation pc"
                + "   JOIN insurance_policy p ON p.bank_code = pc.bank_code AND p.policy_no = pc.policy_no"
                + "   JOIN loan_contract c ON c.bank_code = p.bank_code AND c.contract_no = p.contract_no WHERE pc.recorded_at >= ?";
        LocalDateTime from = utc(since);
        return ledger.query("SELECT t.bank_code, a.uscc, t.approval_no FROM (" + touched + ") t"
                        + " JOIN loan_approval ap ON ap.bank_code = t.bank_code AND ap.approval_no = t.approval_no"
                        + " JOIN loan_application a ON a.bank_code = ap.bank_code AND a.application_no = ap.application_no"
                        + " WHERE a.program = 'LYD'",
                (rs, n) -> new TouchedUnit(Program.LYD, rs.getString(1), rs.getString(2), rs.getString(3), null, null, null),
                from, from, from, from, from, from, from, from);
    }

    public List<DefaultedContract> defaultsRecordedSince(Instant since) {
        return ledger.query("SELECT bank_code, contract_no, defaulted_on FROM loan_default WHERE recorded_at >= ?",
                (rs, n) -> new DefaultedContract(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)), utc(since));
    }

    /** Cancellations of policies on LYD loans, recorded since {@code since}. */
    public List<CancelledPolicy> policyCancellationsRecordedSince(Instant since) {
        return ledger.query("SELECT pc.bank_code, pc.policy_no, c.approval_no, pc.cancelled_on FROM policy_cancellation pc"
                        + " JOIN insurance_policy p ON p.bank_code = pc.bank_code AND p.policy_no = pc.policy_no"
                        + " JOIN loan_contract c ON c.bank_code = p.bank_code AND c.contract_no = p.contract_no"
                        + APPROVAL_AND_APPLICATION
                        + " WHERE pc.recorded_at >= ? AND a.program = 'LYD'",
                (rs, n) -> new CancelledPolicy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class)),
                utc(since));
    }

    /**
     * Each firm's name (企业名称) as the ledger's latest firm snapshot of its USCC gives it: what a
     * publication list shows. A USCC the ledger has no snapshot of is absent from the answer.
     */
    public Map<String, String> firmNames(Collection<String> usccs) {
        Map<String, String> names = new HashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(usccs));
        for (int from = 0; from < all.size(); from += NAMES_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + NAMES_PER_QUERY));
            // ascending id: a later snapshot of the same firm overwrites an earlier one
            ledger.query("SELECT uscc, name FROM firm_snapshot WHERE uscc IN (" + String.join(",", Collections.nCopies(chunk.size(), "?"))
                    + ") ORDER BY id", (ResultSet rs) -> {
                        names.put(rs.getString(1), rs.getString(2));
                    }, chunk.toArray());
        }
        return names;
    }

    private static final int NAMES_PER_QUERY = 500;

    private static final String APPROVAL_AND_APPLICATION =
            " JOIN loan_approval ap ON ap.bank_code = c.bank_code AND ap.approval_no = c.approval_no"
            + " JOIN loan_application a ON a.bank_code = ap.bank_code AND a.application_no = ap.application_no";

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
