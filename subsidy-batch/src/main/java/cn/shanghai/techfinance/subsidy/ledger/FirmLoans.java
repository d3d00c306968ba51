package cn.shanghai.techfinance.subsidy.ledger;

import cn.shanghai.techfinance.subsidy.rules.Program;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A firm's loans as intake's ledger holds them (read-only), for the firm's own pages: every contract
 * drawn under an approval of one of its applications, at any bank, newest disbursement first.
 */
@Repository
public class FirmLoans {

    /** Where a contract stands in the ledger: a default outweighs a settlement, a settlement a renewal. */
    public enum LoanStatus {
        /** Drawn and not yet repaid. */
        OUTSTANDING,
        /** Renewed by a later contract without repaying principal (无还本续贷): counts as settled on its maturity. */
        RENEWED,
        /** Repaid in full (结清). */
        SETTLED,
        DEFAULTED
    }

    /** One contract; {@code settledOn} and {@code defaultedOn} are null until the bank reports them. */
    public record FirmLoan(String bankCode, Program program, String approvalNo, String contractNo, BigDecimal principal,
                           LocalDate disbursedOn, LocalDate maturityOn, LocalDate settledOn, LocalDate defaultedOn,
                           LoanStatus status) {
    }

    private final JdbcTemplate ledger;

    public FirmLoans(@Qualifier("ledger") JdbcTemplate ledger) {
        this.ledger = ledger;
    }

    /** The firm's contracts, by the application's USCC (its index), newest disbursement first. */
    public List<FirmLoan> of(String uscc) {
        return ledger.query("SELECT c.bank_code, a.program, c.approval_no, c.contract_no, c.principal, c.disbursed_on,"
                        + " c.maturity_on, s.settled_on, d.defaulted_on,"
                        + " EXISTS (SELECT 1 FROM loan_contract r WHERE r.bank_code = c.bank_code AND r.renewal_of = c.contract_no)"
                        + " AS renewed"
                        + " FROM loan_application a"
                        + " JOIN loan_approval ap ON ap.bank_code = a.bank_code AND ap.application_no = a.application_no"
                        + " JOIN loan_contract c ON c.bank_code = ap.bank_code AND c.approval_no = ap.approval_no"
                        + " LEFT JOIN loan_settlement s ON s.bank_code = c.bank_code AND s.contract_no = c.contract_no"
                        + " LEFT JOIN loan_default d ON d.bank_code = c.bank_code AND d.contract_no = c.contract_no"
                        + " WHERE a.uscc = ? ORDER BY c.disbursed_on DESC, c.bank_code, c.contract_no",
                FirmLoans::loan, uscc);
    }

    private static FirmLoan loan(ResultSet rs, int row) throws SQLException {
        LocalDate settledOn = rs.getObject("settled_on", LocalDate.class);
        LocalDate defaultedOn = rs.getObject("defaulted_on", LocalDate.class);
        LoanStatus status = defaultedOn != null ? LoanStatus.DEFAULTED
                : settledOn != null ? LoanStatus.SETTLED
                : rs.getBoolean("renewed") ? LoanStatus.RENEWED
                : LoanStatus.OUTSTANDING;
        return new FirmLoan(rs.getString("bank_code"), Program.valueOf(rs.getString("program")), rs.getString("approval_no"),
                rs.getString("contract_no"), rs.getBigDecimal("principal"), rs.getObject("disbursed_on", LocalDate.class),
                rs.getObject("maturity_on", LocalDate.class), settledOn, defaultedOn, status);
    }
}
