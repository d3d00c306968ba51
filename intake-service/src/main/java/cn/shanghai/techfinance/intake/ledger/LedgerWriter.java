package cn.shanghai.techfinance.intake.ledger;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.EventData;
import cn.shanghai.techfinance.contracts.bank.Firm;
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
import cn.shanghai.techfinance.contracts.bank.TechPolicyCancelled;
import cn.shanghai.techfinance.contracts.bank.TechPolicyIssued;
import cn.shanghai.techfinance.contracts.bank.TechPremiumPaid;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes accepted events into the normalized ledger tables. Rows are gathered per table and sent
 * as JDBC batches (rewritten into multi-row inserts by the driver, {@link FixedSizeBatches}): a few
 * round trips per table per consumed batch, not one per event.
 *
 * <p>The ledger's change feed (migration V5): the first facts of a transaction open its {@code
 * ledger_batch}, every fact row carries that batch's id, and just before the transaction commits
 * the batch takes the next number of {@code ledger_sequence}. From that update to the commit the
 * transaction holds the counter's row lock, so the numbers follow the commit order and have no gaps
 * (a rollback returns its number): a reader that sees the counter at V can read every batch up to V,
 * all committed, and will never find a batch numbered V or lower later.
 */
@Component
public class LedgerWriter {

    private static final String APPLICATION = insert("loan_application", "bank_code", "application_no", "program", "first_loan",
            "credit_loan", "requested_amount", "term_months", "uscc", "applied_at", "event_id", "recorded_at");
    private static final String FIRM = insert("firm_snapshot", "bank_code", "application_no", "uscc", "name", "industry_code",
            "registered_district", "employees", "annual_revenue", "total_assets", "event_id", "recorded_at");
    private static final String QUALIFICATION = insert("firm_qualification", "bank_code", "application_no", "qualification_type",
            "cert_no", "valid_from", "valid_to");
    private static final String REJECTION = insert("loan_rejection", "bank_code", "application_no", "reason", "rejected_at",
            "event_id", "recorded_at");
    private static final String APPROVAL = insert("loan_approval", "bank_code", "approval_no", "application_no",
            "approved_amount", "approved_at", "event_id", "recorded_at");
    private static final String CONTRACT = insert("loan_contract", "bank_code", "contract_no", "approval_no", "principal",
            "annual_rate", "lpr1y", "disbursed_on", "maturity_on", "renewal_of", "event_id", "recorded_at");
    private static final String POLICY = insert("insurance_policy", "bank_code", "policy_no", "insurer_code", "contract_no",
            "insured_amount", "premium_rate", "premium", "issued_on", "event_id", "recorded_at");
    private static final String PREMIUM = insert("premium_payment", "bank_code", "policy_no", "amount", "paid_on", "event_id",
            "recorded_at");
    private static final String CANCELLATION = insert("policy_cancellation", "bank_code", "policy_no", "cancelled_on",
            "event_id", "recorded_at");
    private static final String INTEREST = insert("interest_payment", "bank_code", "contract_no", "installment_no",
            "period_start", "period_end", "interest_amount", "due_on", "paid_on", "event_id", "recorded_at");
    private static final String PRINCIPAL = insert("principal_repayment", "bank_code", "contract_no", "amount", "due_on",
            "paid_on", "event_id", "recorded_at");
    private static final String OVERDUE = insert("loan_overdue", "bank_code", "contract_no", "due_on", "overdue_amount",
            "event_id", "recorded_at");
    private static final String SETTLEMENT = insert("loan_settlement", "bank_code", "contract_no", "settled_on", "event_id",
            "recorded_at");
    private static final String DEFAULT = insert("loan_default", "bank_code", "contract_no", "defaulted_on",
            "outstanding_principal", "outstanding_interest", "event_id", "recorded_at");
    // 科技保险: an insurer's own facts, keyed by its code (V8)
    private static final String TECH_POLICY = insert("tech_policy", "insurer_code", "policy_no", "line", "uscc", "name",
            "industry_code", "registered_district", "employees", "annual_revenue", "total_assets", "insured_amount", "premium",
            "start_on", "end_on", "event_id", "recorded_at");
    private static final String TECH_QUALIFICATION = insert("tech_policy_qualification", "insurer_code", "policy_no",
            "qualification_type", "cert_no", "valid_from", "valid_to");
    private static final String TECH_PREMIUM = insert("tech_premium_payment", "insurer_code", "policy_no", "amount", "paid_on",
            "event_id", "recorded_at");
    private static final String TECH_CANCELLATION = insert("tech_policy_cancellation", "insurer_code", "policy_no",
            "cancelled_on", "event_id", "recorded_at");
    private static final String LISTING = insert("dishonesty_listing", "uscc", "listed_on", "event_id", "recorded_at");
    private static final String CLEARANCE = insert("dishonesty_clearance", "uscc", "cleared_on", "event_id", "recorded_at");

    private final JdbcTemplate jdbc;

    public LedgerWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the facts of {@code events}, all accepted, in one batch per table, in the current
     * transaction's ledger batch (opened by its first facts).
     */
    public void write(List<BankEvent> events, Instant recordedAt) {
        if (events.isEmpty()) {
            return;
        }
        LocalDateTime now = utc(recordedAt);
        Rows rows = new Rows(batchOfThisTransaction(now));
        for (BankEvent event : events) {
            String bank = EventSource.bankCode(event.source()).orElse(null);
            String insurer = EventSource.insurerCode(event.source()).orElse(null);
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
            } else if (data instanceof TechPolicyIssued p) {
                Firm f = p.firm();
                add(rows, TECH_POLICY, insurer, p.policyNo(), p.line().name(), f.uscc(), f.name(), f.industryCode(),
                        f.registeredDistrict(), f.employees(), f.annualRevenue(), f.totalAssets(), p.insuredAmount(), p.premium(),
                        p.startOn(), p.endOn(), id, now);
                for (Qualification q : f.qualifications()) {
                    add(rows, TECH_QUALIFICATION, insurer, p.policyNo(), q.type().name(), q.certNo(), q.validFrom(), q.validTo());
                }
            } else if (data instanceof TechPremiumPaid p) {
                add(rows, TECH_PREMIUM, insurer, p.policyNo(), p.amount(), p.paidOn(), id, now);
            } else if (data instanceof TechPolicyCancelled c) {
                add(rows, TECH_CANCELLATION, insurer, c.policyNo(), c.cancelledOn(), id, now);
            } else if (data instanceof FirmDishonestyListed l) {
                add(rows, LISTING, l.uscc(), l.listedOn(), id, now);
            } else if (data instanceof FirmDishonestyCleared c) {
                add(rows, CLEARANCE, c.uscc(), c.clearedOn(), id, now);
            } else {
                throw new IllegalStateException("no ledger table for " + data.getClass().getSimpleName());
            }
        }
        rows.bySql.forEach((sql, values) -> FixedSizeBatches.insert(jdbc, sql, values));
    }

    /** The ledger batch of the current transaction: opened now if this is its first write. */
    private long batchOfThisTransaction(LocalDateTime now) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("ledger facts are written only inside a transaction");
        }
        // a synchronization, not a bound resource: a transaction suspended for another suspends it too
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof BatchNumbering numbering && numbering.writer() == this) {
                return numbering.batchId();
            }
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement insert = c.prepareStatement("INSERT INTO ledger_batch (created_at) VALUES (?)",
                    Statement.RETURN_GENERATED_KEYS);
            insert.setObject(1, now);
            return insert;
        }, key);
        long batchId = Objects.requireNonNull(key.getKey(), "ledger_batch id").longValue();
        TransactionSynchronizationManager.registerSynchronization(new BatchNumbering(this, batchId));
        return batchId;
    }

    /** Numbers the transaction's batch as its last statements before the commit (see the class comment). */
    private record BatchNumbering(LedgerWriter writer, long batchId) implements TransactionSynchronization {

        @Override
        public void beforeCommit(boolean readOnly) {
            // LAST_INSERT_ID(expr) keeps the new value for this connection's next statement
            int counters = writer.jdbc.update("UPDATE ledger_sequence SET last_seq = LAST_INSERT_ID(last_seq + 1) WHERE id = 1");
            if (counters != 1) {
                throw new IllegalStateException("ledger_sequence has no counter row (migration V5)");
            }
            writer.jdbc.update("UPDATE ledger_batch SET seq = LAST_INSERT_ID() WHERE id = ?", batchId);
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** {@code INSERT INTO table (columns…, batch_id) VALUES (?, …)}: every fact row names its batch. */
    private static String insert(String table, String... columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ", batch_id) VALUES ("
                + "?,".repeat(columns.length) + "?)";
    }

    private static void add(Rows rows, String sql, Object... values) {
        Object[] row = Arrays.copyOf(values, values.length + 1);
        row[values.length] = rows.batchId;
        rows.bySql.computeIfAbsent(sql, s -> new ArrayList<>()).add(row);
    }

    /** The rows to insert by statement, all of one batch. */
    private record Rows(long batchId, Map<String, List<Object[]>> bySql) {
        Rows(long batchId) {
            this(batchId, new LinkedHashMap<>());
        }
    }
}
