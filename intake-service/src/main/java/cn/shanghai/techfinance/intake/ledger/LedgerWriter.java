package cn.shanghai.techfinance.intake.ledger;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.EventData;
import cn.shanghai.techfinance.contracts.bank.FirmDishonestyCleared;
import cn.shanghai.techfinance.contracts.bank.FirmDishonestyListed;
import cn.shanghai.techfinance.contracts.bank.InterestPaid;
import cn.shanghai.techfinance.contracts.bank.LoanApplied;
import cn.shanghai.techfinance.contracts.bank.LoanApproved;
import cn.shanghai.techfinance.contracts.bank.LoanDefaulted;
import cn.shanghai.techfinance.contracts.bank.LoanDisbursed;
import cn.shanghai.techfinance.contracts.bank.LoanOverdue;
import cn.shanghai.techfinance.contracts.bank.LoanRejected;
import cn.shanghai.techfinance.contracts.bank.LoanSettled;
import cn.shanghai.techfinance.contracts.bank.PolicyCancelled;
import cn.shanghai.techfinance.contracts.bank.PolicyIssued;
import cn.shanghai.techfinance.contracts.bank.PremiumPaid;
import cn.shanghai.techfinance.contracts.bank.PrincipalRepaid;
import cn.shanghai.techfinance.contracts.bank.Qualification;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes accepted events into the normalized ledger tables. Rows are gathered per table and sent
 * as JDBC batches (rewritten into multi-row inserts by the driver): one round trip per table per
 * consumed batch, not one per event.
 */
@Component
public class LedgerWriter {

    private static final String APPLICATION = "INSERT INTO loan_application (bank_code, application_no, program, first_loan,"
            + " credit_loan, requested_amount, term_months, uscc, applied_at, event_id, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
    private static final String FIRM = "INSERT INTO firm_snapshot (bank_code, application_no, uscc, name, industry_code,"
            + " registered_district, employees, annual_revenue, total_assets, event_id, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
    private static final String QUALIFICATION = "INSERT INTO firm_qualification (bank_code, application_no, qualification_type,"
            + " cert_no, valid_from, valid_to) VALUES (?,?,?,?,?,?)";
    private static final String REJECTION = "INSERT INTO loan_rejection (bank_code, application_no, reason, rejected_at,"
            + " event_id, recorded_at) VALUES (?,?,?,?,?,?)";
    private static final String APPROVAL = "INSERT INTO loan_approval (bank_code, approval_no, application_no, approved_amount,"
            + " approved_at, event_id, recorded_at) VALUES (?,?,?,?,?,?,?)";
    private static final String CONTRACT = "INSERT INTO loan_contract (bank_code, contract_no, approval_no, principal, annual_rate,"
            + " lpr1y, disbursed_on, maturity_on, renewal_of, event_id, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
    private static final String POLICY = "INSERT INTO insurance_policy (bank_code, policy_no, insurer_code, contract_no,"
            + " insured_amount, premium_rate, premium, issued_on, event_id, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?)";
    private static final String PREMIUM = "INSERT INTO premium_payment (bank_code, policy_no, amount, paid_on, event_id,"
            + " recorded_at) VALUES (?,?,?,?,?,?)";
    private static final String CANCELLATION = "INSERT INTO policy_cancellation (bank_code, policy_no, cancelled_on, event_id,"
            + " recorded_at) VALUES (?,?,?,?,?)";
    private static final String INTEREST = "INSERT INTO interest_payment (bank_code, contract_no, installment_no, period_start,"
            + " period_end, interest_amount, due_on, paid_on, event_id, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?)";
    private static final String PRINCIPAL = "INSERT INTO principal_repayment (bank_code, contract_no, amount, due_on, paid_on,"
            + " event_id, recorded_at) VALUES (?,?,?,?,?,?,?)";
    private static final String OVERDUE = "INSERT INTO loan_overdue (bank_code, contract_no, due_on, overdue_amount, event_id,"
            + " recorded_at) VALUES (?,?,?,?,?,?)";
    private static final String SETTLEMENT = "INSERT INTO loan_settlement (bank_code, contract_no, settled_on, event_id,"
            + " recorded_at) VALUES (?,?,?,?,?)";
    private static final String DEFAULT = "INSERT INTO loan_default (bank_code, contract_no, defaulted_on, outstanding_principal,"
            + " outstanding_interest, event_id, recorded_at) VALUES (?,?,?,?,?,?,?)";
    private static final String LISTING = "INSERT INTO dishonesty_listing (uscc, listed_on, event_id, recorded_at) VALUES (?,?,?,?)";
    private static final String CLEARANCE = "INSERT INTO dishonesty_clearance (uscc, cleared_on, event_id, recorded_at) VALUES (?,?,?,?)";

    private final JdbcTemplate jdbc;

    public LedgerWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the facts of {@code events}, all accepted, in one batch per table. */
    public void write(List<BankEvent> events, Instant recordedAt) {
        LocalDateTime now = utc(recordedAt);
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        for (BankEvent event : events) {
            String bank = EventSource.bankCode(event.source()).orElse(null);
            String id = event.id();
            LocalDateTime at = utc(event.time().toInstant());
            EventData data = event.data();
            if (data instanceof LoanApplied a) {
                add(rows, APPLICATION, bank, a.applicationNo(), a.program().name(), a.firstLoan(), a.creditLoan(),
                        a.requestedAmount(), a.termMonths(), a.firm().uscc(), at, id, now);
                add(rows, FIRM, bank, a.applicationNo(), a.firm().uscc(), a.firm().name(), a.firm().industryCode(),
                        a.firm().registeredDistrict(), a.firm().employees(), a.firm().annualRevenue(), a.firm().totalAssets(), id, now);
                for (Qualification q : a.firm().qualifications()) {
                    add(rows, QUALIFICATION, bank, a.applicationNo(), q.type().name(), q.certNo(), q.validFrom(), q.validTo());
                }
            } else if (data instanceof LoanRejected r) {
                add(rows, REJECTION, bank, r.applicationNo(), r.reason(), at, id, now);
            } else if (data instanceof LoanApproved a) {
                add(rows, APPROVAL, bank, a.approvalNo(), a.applicationNo(), a.approvedAmount(), at, id, now);
            } else if (data instanceof LoanDisbursed d) {
                add(rows, CONTRACT, bank, d.contractNo(), d.approvalNo(), d.principal(), d.annualRate(), d.lpr1y(),
                        d.disbursedOn(), d.maturityOn(), d.renewalOf(), id, now);
            } else if (data instanceof PolicyIssued p) {
                add(rows, POLICY, bank, p.policyNo(), p.insurerCode(), p.contractNo(), p.insuredAmount(), p.premiumRate(),
                        p.premium(), p.issuedOn(), id, now);
            } else if (data instanceof PremiumPaid p) {
                add(rows, PREMIUM, bank, p.policyNo(), p.amount(), p.paidOn(), id, now);
            } else if (data instanceof PolicyCancelled c) {
                add(rows, CANCELLATION, bank, c.policyNo(), c.cancelledOn(), id, now);
            } else if (data instanceof InterestPaid i) {
                add(rows, INTEREST, bank, i.contractNo(), i.installmentNo(), i.periodStart(), i.periodEnd(),
                        i.interestAmount(), i.dueOn(), i.paidOn(), id, now);
            } else if (data instanceof PrincipalRepaid p) {
                add(rows, PRINCIPAL, bank, p.contractNo(), p.amount(), p.dueOn(), p.paidOn(), id, now);
            } else if (data instanceof LoanOverdue o) {
                add(rows, OVERDUE, bank, o.contractNo(), o.dueOn(), o.overdueAmount(), id, now);
            } else if (data instanceof LoanSettled s) {
                add(rows, SETTLEMENT, bank, s.contractNo(), s.settledOn(), id, now);
            } else if (data instanceof LoanDefaulted d) {
                add(rows, DEFAULT, bank, d.contractNo(), d.defaultedOn(), d.outstandingPrincipal(), d.outstandingInterest(), id, now);
            } else if (data instanceof FirmDishonestyListed l) {
                add(rows, LISTING, l.uscc(), l.listedOn(), id, now);
            } else if (data instanceof FirmDishonestyCleared c) {
                add(rows, CLEARANCE, c.uscc(), c.clearedOn(), id, now);
            } else {
                throw new IllegalStateException("no ledger table for " + data.getClass().getSimpleName());
            }
        }
        rows.forEach(jdbc::batchUpdate);
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void add(Map<String, List<Object[]>> rows, String sql, Object... values) {
        rows.computeIfAbsent(sql, s -> new ArrayList<>()).add(values);
    }
}
