package cn.shanghai.techfinance.subsidy.ledger;

import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ledger facts one claim was computed from, as an officer reads them on the claim's page: its
 * application (with the firm snapshot sent with it), the approval, the contracts, and an LYD claim's
 * policies and premiums or an HKZD claim's interest instalment, with their dates; a 科技保险 claim's
 * policy (with the firm as its insurer reported it) and premiums. Reads only the
 * tables the ledger reader is granted (DatabaseUsers.LEDGER_TABLES), each by its key.
 */
@Repository
public class ClaimFactsReader {

    private final JdbcTemplate ledger;

    public ClaimFactsReader(@Qualifier("ledger") JdbcTemplate ledger) {
        this.ledger = ledger;
    }

    /** The loan application (申请) and the firm as the bank described it then. */
    public record Application(String applicationNo, Program program, boolean firstLoan, boolean creditLoan, BigDecimal requestedAmount,
                              int termMonths, LocalDateTime appliedAt, String firmName, String industryCode, String registeredDistrict,
                              int employees) {
    }

    /** The approval (批复). */
    public record Approval(String approvalNo, BigDecimal approvedAmount, LocalDateTime approvedAt) {
    }

    /** A contract drawn under the approval, with its settlement (结清) and default, if any. */
    public record Contract(String contractNo, BigDecimal principal, BigDecimal annualRate, BigDecimal lpr1y, LocalDate disbursedOn,
                           LocalDate maturityOn, String renewalOf, LocalDate settledOn, LocalDate defaultedOn) {
    }

    /** A performance-guarantee policy on one of the contracts, and its cancellation (退保), if any. */
    public record Policy(String policyNo, String contractNo, BigDecimal premium, LocalDate issuedOn, LocalDate cancelledOn) {
    }

    public record PremiumPaid(String policyNo, BigDecimal amount, LocalDate paidOn) {
    }

    public record InterestPaid(String contractNo, int installmentNo, LocalDate periodStart, LocalDate periodEnd, BigDecimal amount,
                               LocalDate dueOn, LocalDate paidOn) {
    }

    /** A 科技保险 policy (techpolicy.issued) with the firm as its insurer reported it, and its cancellation, if any. */
    public record TechPolicy(String policyNo, String line, BigDecimal insuredAmount, BigDecimal premium, LocalDate startOn,
                             LocalDate endOn, String firmName, String industryCode, String registeredDistrict, int employees,
                             LocalDate cancelledOn) {
    }

    /**
     * What the ledger holds for a claim: application, approval and tech policy null if the ledger has
     * none (or the programme has none); lists empty where the programme has none.
     */
    public record Facts(Application application, Approval approval, List<Contract> contracts, List<Policy> policies,
                        List<PremiumPaid> premiums, List<InterestPaid> instalments, TechPolicy techPolicy) {
    }

    public Facts of(ClaimRecord claim) {
        if (claim.program() == Program.TECH_INSURANCE) {
            return techInsurance(claim.bankCode(), claim.approvalNo());
        }
        String bank = claim.bankCode();
        Application application = ledger.query("SELECT a.application_no, a.program, a.first_loan, a.credit_loan,"
                        + " a.requested_amount, a.term_months, a.applied_at, f.name, f.industry_code, f.registered_district, f.employees"
                        + " FROM loan_application a"
                        + " LEFT JOIN firm_snapshot f ON f.bank_code = a.bank_code AND f.application_no = a.application_no"
                        + " WHERE a.bank_code = ? AND a.application_no = ?",
                ClaimFactsReader::application, bank, claim.applicationNo()).stream().findFirst().orElse(null);
        Approval approval = claim.approvalNo() == null ? null
                : ledger.query("SELECT approval_no, approved_amount, approved_at FROM loan_approval WHERE bank_code = ? AND approval_no = ?",
                        (rs, n) -> new Approval(rs.getString(1), rs.getBigDecimal(2), rs.getObject(3, LocalDateTime.class)),
                        bank, claim.approvalNo()).stream().findFirst().orElse(null);
        if (claim.program() == Program.LYD) {
            return new Facts(application, approval,
                    ledger.query(CONTRACTS + " WHERE c.bank_code = ? AND c.approval_no = ? ORDER BY c.disbursed_on, c.id",
                            ClaimFactsReader::contract, bank, claim.approvalNo()),
                    ledger.query("SELECT p.policy_no, p.contract_no, p.premium, p.issued_on, pc.cancelled_on FROM loan_contract c"
                                    + " JOIN insurance_policy p ON p.bank_code = c.bank_code AND p.contract_no = c.contract_no"
                                    + " LEFT JOIN policy_cancellation pc ON pc.bank_code = p.bank_code AND pc.policy_no = p.policy_no"
                                    + " WHERE c.bank_code = ? AND c.approval_no = ? ORDER BY p.issued_on, p.id",
                            (rs, n) -> new Policy(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getObject(4, LocalDate.class),
                                    rs.getObject(5, LocalDate.class)), bank, claim.approvalNo()),
                    ledger.query("SELECT pp.policy_no, pp.amount, pp.paid_on FROM loan_contract c"
                                    + " JOIN insurance_policy p ON p.bank_code = c.bank_code AND p.contract_no = c.contract_no"
                                    + " JOIN premium_payment pp ON pp.bank_code = p.bank_code AND pp.policy_no = p.policy_no"
                                    + " WHERE c.bank_code = ? AND c.approval_no = ? ORDER BY pp.paid_on, pp.id",
                            (rs, n) -> new PremiumPaid(rs.getString(1), rs.getBigDecimal(2), rs.getObject(3, LocalDate.class)),
                            bank, claim.approvalNo()),
                    List.of(), null);
        }
        return new Facts(application, approval,
                ledger.query(CONTRACTS + " WHERE c.bank_code = ? AND c.contract_no = ?", ClaimFactsReader::contract, bank, claim.contractNo()),
                List.of(), List.of(),
                ledger.query("SELECT contract_no, installment_no, period_start, period_end, interest_amount, due_on, paid_on"
                                + " FROM interest_payment WHERE bank_code = ? AND contract_no = ? AND installment_no = ?",
                        (rs, n) -> new InterestPaid(rs.getString(1), rs.getInt(2), rs.getObject(3, LocalDate.class),
                                rs.getObject(4, LocalDate.class), rs.getBigDecimal(5), rs.getObject(6, LocalDate.class),
                                rs.getObject(7, LocalDate.class)),
                        bank, claim.contractNo(), claim.installmentNo()), null);
    }

    /** A tech-insurance claim's policy and its payments: no application, approval or contract. */
    private Facts techInsurance(String insurerCode, String policyNo) {
        TechPolicy policy = ledger.query("SELECT p.policy_no, p.line, p.insured_amount, p.premium, p.start_on, p.end_on, p.name,"
                        + " p.industry_code, p.registered_district, p.employees, pc.cancelled_on FROM tech_policy p"
                        + " LEFT JOIN tech_policy_cancellation pc ON pc.insurer_code = p.insurer_code AND pc.policy_no = p.policy_no"
                        + " WHERE p.insurer_code = ? AND p.policy_no = ?",
                (rs, n) -> new TechPolicy(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getInt(10), rs.getObject(11, LocalDate.class)),
                insurerCode, policyNo).stream().findFirst().orElse(null);
        List<PremiumPaid> premiums = ledger.query("SELECT policy_no, amount, paid_on FROM tech_premium_payment"
                        + " WHERE insurer_code = ? AND policy_no = ? ORDER BY paid_on, id",
                (rs, n) -> new PremiumPaid(rs.getString(1), rs.getBigDecimal(2), rs.getObject(3, LocalDate.class)), insurerCode, policyNo);
        return new Facts(null, null, List.of(), List.of(), premiums, List.of(), policy);
    }

    private static final String CONTRACTS = "SELECT c.contract_no, c.principal, c.annual_rate, c.lpr1y, c.disbursed_on, c.maturity_on,"
            + " c.renewal_of, s.settled_on, d.defaulted_on FROM loan_contract c"
            + " LEFT JOIN loan_settlement s ON s.bank_code = c.bank_code AND s.contract_no = c.contract_no"
            + " LEFT JOIN loan_default d ON d.bank_code = c.bank_code AND d.contract_no = c.contract_no";

    private static Application application(ResultSet rs, int row) throws SQLException {
        return new Application(rs.getString(1), Program.valueOf(rs.getString(2)), rs.getBoolean(3), rs.getBoolean(4), rs.getBigDecimal(5),
                rs.getInt(6), rs.getObject(7, LocalDateTime.class), rs.getString(8), rs.getString(9), rs.getString(10), rs.getInt(11));
    }

    private static Contract contract(ResultSet rs, int row) throws SQLException {
        return new Contract(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getObject(5, LocalDate.class),
                rs.getObject(6, LocalDate.class), rs.getString(7), rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class));
    }
}
