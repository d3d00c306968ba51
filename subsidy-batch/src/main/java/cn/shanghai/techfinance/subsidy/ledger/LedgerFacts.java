package cn.shanghai.techfinance.subsidy.ledger;

import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.firm.DishonestyListing;
import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import cn.shanghai.techfinance.subsidy.rules.firm.Qualification;
import cn.shanghai.techfinance.subsidy.rules.loan.InsurancePolicy;
import cn.shanghai.techfinance.subsidy.rules.loan.InterestInstalment;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanApplication;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanContract;
import cn.shanghai.techfinance.subsidy.rules.loan.PremiumPayment;
import cn.shanghai.techfinance.subsidy.rules.techinsurance.TechPolicyFacts;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * Reads the ledger facts of many claims at once: for the firms, approvals and instalments of a
 * chunk of a night, a fixed number of queries (each kind of fact one query per
 * {@value #KEYS_PER_QUERY} keys), however many units the chunk holds. Intake accepts an event only
 * once its parents are there, so the joins from a fact up to its application always find a row.
 *
 * <p>Each query starts from the keys it is given (STRAIGHT_JOIN) and reaches every table by its key
 * (FORCE INDEX), as {@link LedgerReader} does: the rows a chunk reads are its own facts, however long
 * the history, whatever the statistics of small tables suggest (on them the optimizer chose scans).
 */
@Repository
public class LedgerFacts {

    /** Keys bound in one {@code IN} list at most: statements stay small, whatever the chunk. */
    static final int KEYS_PER_QUERY = 500;

    private final JdbcTemplate ledger;

    public LedgerFacts(@Qualifier("ledger") JdbcTemplate ledger) {
        this.ledger = ledger;
    }

    /** An approval (批复) of a bank. */
    public record Approval(String bankCode, String approvalNo) {
    }

    /** An interest instalment of a bank's contract. */
    public record Instalment(String bankCode, String contractNo, int installmentNo) {
    }

    /** An insurer's 科技保险 policy. */
    public record TechPolicy(String insurerCode, String policyNo) {
    }

    private record Application(String bankCode, String applicationNo) {
    }

    /** The keys of the facts to load at once (a chunk's, a what-if slice's): each programme adds what its units need. */
    public static final class Request {

        private final Set<String> usccs = new LinkedHashSet<>();
        private final Set<Approval> lydApprovals = new LinkedHashSet<>();
        private final Set<Approval> hkzdApprovals = new LinkedHashSet<>();
        private final Set<Instalment> instalments = new LinkedHashSet<>();
        private final Set<TechPolicy> techPolicies = new LinkedHashSet<>();

        /** A firm's dishonesty listings. */
        public Request firm(String uscc) {
            usccs.add(uscc);
            return this;
        }

        /** An LYD approval's application, contracts, renewals and policies. */
        public Request lydApproval(Approval approval) {
            lydApprovals.add(approval);
            return this;
        }

        /** An HKZD instalment with its contract, and its approval's application. */
        public Request hkzdInstalment(Approval approval, Instalment instalment) {
            hkzdApprovals.add(approval);
            instalments.add(instalment);
            return this;
        }

        /** A 科技保险 policy with its firm, payments and cancellation. */
        public Request techPolicy(TechPolicy policy) {
            techPolicies.add(policy);
            return this;
        }
    }

    /** The facts of a request, in a fixed number of queries. */
    public Facts load(Request request) {
        return load(request.usccs, request.lydApprovals, request.hkzdApprovals, request.instalments, request.techPolicies);
    }

    /**
     * Loads the facts of a set of claims: the firms' dishonesty periods; the application (with
     * firm snapshot and qualifications) of every approval; an LYD approval's contracts, the
     * contracts other approvals renew, its policies; an HKZD instalment with its contract; a 科技保险
     * policy with its firm, payments and cancellation (its firm among {@code usccs}).
     */
    public Facts load(Collection<String> usccs, Collection<Approval> lydApprovals, Collection<Approval> hkzdApprovals,
                      Collection<Instalment> instalments, Collection<TechPolicy> techPolicies) {
        Set<Approval> approvals = new LinkedHashSet<>(lydApprovals);
        approvals.addAll(hkzdApprovals);
        List<Approval> lyd = List.copyOf(new LinkedHashSet<>(lydApprovals));
        Map<Approval, List<InsurancePolicy>> policies = policies(lyd);
        Map<Instalment, InterestInstalment> paid = new HashMap<>();
        Map<Instalment, LoanContract> contractOfInstalment = new HashMap<>();
        instalments(List.copyOf(new LinkedHashSet<>(instalments)), paid, contractOfInstalment);
        Map<String, List<DishonestyListing>> listings = dishonestyListings(List.copyOf(new LinkedHashSet<>(usccs)));
        return new Facts(listings, applications(List.copyOf(approvals)),
                contracts(lyd), renewedByOtherApprovals(lyd), policies, paid, contractOfInstalment,
                techPolicies(List.copyOf(new LinkedHashSet<>(techPolicies)), listings));
    }

    /** The facts {@link #load} found; asking for one it was not asked to load is a programming error. */
    public static final class Facts {

        private final Map<String, List<DishonestyListing>> listings;
        private final Map<Approval, LoanApplication> applications;
        private final Map<Approval, List<LoanContract>> contracts;
        private final Map<Approval, Set<String>> renewed;
        private final Map<Approval, List<InsurancePolicy>> policies;
        private final Map<Instalment, InterestInstalment> instalments;
        private final Map<Instalment, LoanContract> contractOfInstalment;
        private final Map<TechPolicy, TechPolicyFacts> techPolicies;

        private Facts(Map<String, List<DishonestyListing>> listings, Map<Approval, LoanApplication> applications,
                      Map<Approval, List<LoanContract>> contracts, Map<Approval, Set<String>> renewed,
                      Map<Approval, List<InsurancePolicy>> policies, Map<Instalment, InterestInstalment> instalments,
                      Map<Instalment, LoanContract> contractOfInstalment, Map<TechPolicy, TechPolicyFacts> techPolicies) {
            this.listings = listings;
            this.applications = applications;
            this.contracts = contracts;
            this.renewed = renewed;
            this.policies = policies;
            this.instalments = instalments;
            this.contractOfInstalment = contractOfInstalment;
            this.techPolicies = techPolicies;
        }

        /** The firm's periods on the serious dishonesty list, in date order. */
        public List<DishonestyListing> dishonestyListings(String uscc) {
            return found(listings, uscc, "dishonesty listings of");
        }

        /** The application an approval belongs to, with the firm snapshot sent with it. */
        public LoanApplication applicationOf(Approval approval) {
            return found(applications, approval, "application of");
        }

        /** Every contract drawn under an LYD approval, with its settlement, overdue and default facts. */
        public List<LoanContract> contractsOf(Approval approval) {
            return found(contracts, approval, "contracts of");
        }

        /** The LYD approval's contracts that a contract under another approval renews (无还本续贷). */
        public Set<String> renewedByOtherApprovals(Approval approval) {
            return found(renewed, approval, "renewals of");
        }

        /** The policies on an LYD approval's contracts, with their premium payments and cancellation. */
        public List<InsurancePolicy> policiesOf(Approval approval) {
            return found(policies, approval, "policies of");
        }

        public InterestInstalment instalment(Instalment instalment) {
            return found(instalments, instalment, "instalment");
        }

        /** The contract an instalment was paid on. */
        public LoanContract contractOf(Instalment instalment) {
            return found(contractOfInstalment, instalment, "contract of instalment");
        }

        /** A 科技保险 policy with its firm as the insurer reported it, its payments, cancellation and the firm's listings. */
        public TechPolicyFacts techPolicy(TechPolicy policy) {
            return found(techPolicies, policy, "tech-insurance policy");
        }

        private static <K, V> V found(Map<K, V> facts, K key, String what) {
            V value = facts.get(key);
            if (value == null) {
                throw new IllegalStateException(what + " " + key + " not loaded, or not in the ledger");
            }
            return value;
        }
    }

    /**
     * Each firm's periods on the serious dishonesty list, from the credit platform's listings and
     * clearings in date order: a clearing closes the open period, a listing opens one. A firm never
     * listed has none.
     */
    private Map<String, List<DishonestyListing>> dishonestyListings(List<String> usccs) {
        record Change(LocalDate on, boolean listed, long id) {
        }
        Map<String, List<Change>> changes = new HashMap<>();
        queryIn("SELECT uscc, listed_on, id FROM dishonesty_listing FORCE INDEX (ix_listing_uscc) WHERE uscc IN (", ")", usccs, List::of, rs -> {
            changes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new Change(rs.getObject(2, LocalDate.class), true, rs.getLong(3)));
        });
        queryIn("SELECT uscc, cleared_on, id FROM dishonesty_clearance FORCE INDEX (ix_clearance_uscc) WHERE uscc IN (", ")", usccs, List::of, rs -> {
            changes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new Change(rs.getObject(2, LocalDate.class), false, rs.getLong(3)));
        });
        Map<String, List<DishonestyListing>> periodsByFirm = new HashMap<>();
        for (String uscc : usccs) {
            List<Change> ofFirm = changes.getOrDefault(uscc, new ArrayList<>());
            ofFirm.sort(Comparator.comparing(Change::on).thenComparing(Change::listed).thenComparingLong(Change::id));
            List<DishonestyListing> periods = new ArrayList<>();
            LocalDate openSince = null;
            for (Change change : ofFirm) {
                if (change.listed() && openSince == null) {
                    openSince = change.on();
                } else if (!change.listed() && openSince != null) {
                    periods.add(new DishonestyListing(openSince, change.on()));
                    openSince = null;
                }
            }
            if (openSince != null) {
                periods.add(new DishonestyListing(openSince, null));
            }
            periodsByFirm.put(uscc, periods);
        }
        return periodsByFirm;
    }

    private Map<Approval, LoanApplication> applications(List<Approval> approvals) {
        record Row(Approval approval, String applicationNo, Program program, boolean firstLoan, String uscc, String industryCode,
                   String district, int employees, BigDecimal revenue, BigDecimal assets) {
        }
        List<Row> rows = new ArrayList<>();
        queryIn("SELECT STRAIGHT_JOIN ap.bank_code, ap.approval_no, a.application_no, a.program, a.first_loan, f.uscc,"
                + " f.industry_code, f.registered_district, f.employees, f.annual_revenue, f.total_assets"
                + " FROM loan_approval ap FORCE INDEX (uk_approval)"
                + " JOIN loan_application a FORCE INDEX (uk_application) ON a.bank_code = ap.bank_code AND a.application_no = ap.application_no"
                + " JOIN firm_snapshot f FORCE INDEX (uk_firm_snapshot) ON f.bank_code = a.bank_code AND f.application_no = a.application_no"
                + " WHERE (ap.bank_code, ap.approval_no) IN (", ")", approvals, a -> List.of(a.bankCode(), a.approvalNo()), rs -> {
                    rows.add(new Row(new Approval(rs.getString(1), rs.getString(2)), rs.getString(3), Program.valueOf(rs.getString(4)),
                            rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getBigDecimal(10),
                            rs.getBigDecimal(11)));
                });
        List<Application> applications = rows.stream().map(r -> new Application(r.approval().bankCode(), r.applicationNo()))
                .distinct().toList();
        Map<Application, List<Qualification>> qualifications = new HashMap<>();
        queryIn("SELECT bank_code, application_no, qualification_type, valid_from, valid_to"
                + " FROM firm_qualification FORCE INDEX (ix_qualification_application) WHERE (bank_code, application_no) IN (",
                ") ORDER BY id", applications,
                a -> List.of(a.bankCode(), a.applicationNo()), rs -> {
                    qualifications.computeIfAbsent(new Application(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(new Qualification(rs.getString(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)));
                });
        Map<Approval, LoanApplication> byApproval = new HashMap<>();
        for (Row r : rows) {
            String bankCode = r.approval().bankCode();
            FirmSnapshot firm = new FirmSnapshot(r.uscc(), r.industryCode(), r.district(), r.employees(), r.revenue(), r.assets(),
                    qualifications.getOrDefault(new Application(bankCode, r.applicationNo()), List.of()));
            byApproval.put(r.approval(), new LoanApplication(bankCode, r.applicationNo(), r.program(), r.firstLoan(), firm));
        }
        return byApproval;
    }

    private Map<Approval, List<LoanContract>> contracts(List<Approval> approvals) {
        Map<Approval, List<LoanContract>> contracts = emptyLists(approvals);
        queryIn("SELECT STRAIGHT_JOIN " + CONTRACT_COLUMNS + " FROM loan_contract c FORCE INDEX (ix_contract_approval)" + CONTRACT_FACTS
                + " WHERE (c.bank_code, c.approval_no) IN (", ") ORDER BY c.id", approvals, LedgerFacts::columns, rs -> {
                    LoanContract contract = contract(rs);
                    contracts.get(new Approval(rs.getString(CONTRACT_BANK_CODE), contract.approvalNo())).add(contract);
                });
        return contracts;
    }

    private Map<Approval, Set<String>> renewedByOtherApprovals(List<Approval> approvals) {
        Map<Approval, Set<String>> renewed = new HashMap<>();
        approvals.forEach(a -> renewed.put(a, new HashSet<>()));
        queryIn("SELECT STRAIGHT_JOIN c.bank_code, c.approval_no, r.renewal_of FROM loan_contract c FORCE INDEX (ix_contract_approval)"
                + " JOIN loan_contract r FORCE INDEX (ix_contract_renewal) ON r.bank_code = c.bank_code AND r.renewal_of = c.contract_no"
                + " WHERE (c.bank_code, c.approval_no) IN (", ") AND r.approval_no <> c.approval_no", approvals, LedgerFacts::columns,
                rs -> {
                    renewed.get(new Approval(rs.getString(1), rs.getString(2))).add(rs.getString(3));
                });
        return renewed;
    }

    private Map<Approval, List<InsurancePolicy>> policies(List<Approval> approvals) {
        record Policy(String contractNo, LocalDate cancelledOn) {
        }
        Map<Approval, Map<String, Policy>> policiesOf = new HashMap<>();
        approvals.forEach(a -> policiesOf.put(a, new LinkedHashMap<>()));
        queryIn("SELECT STRAIGHT_JOIN c.bank_code, c.approval_no, p.policy_no, p.contract_no, pc.cancelled_on"
                + " FROM loan_contract c FORCE INDEX (ix_contract_approval)"
                + " JOIN insurance_policy p FORCE INDEX (ix_policy_contract) ON p.bank_code = c.bank_code AND p.contract_no = c.contract_no"
                + " LEFT JOIN policy_cancellation pc FORCE INDEX (uk_cancellation) ON pc.bank_code = p.bank_code AND pc.policy_no = p.policy_no"
                + " WHERE (c.bank_code, c.approval_no) IN (", ") ORDER BY p.id", approvals, LedgerFacts::columns, rs -> {
                    policiesOf.get(new Approval(rs.getString(1), rs.getString(2)))
                            .put(rs.getString(3), new Policy(rs.getString(4), rs.getObject(5, LocalDate.class)));
                });
        Map<Approval, Map<String, List<PremiumPayment>>> paymentsOf = new HashMap<>();
        queryIn("SELECT STRAIGHT_JOIN c.bank_code, c.approval_no, pp.policy_no, pp.amount, pp.paid_on"
                + " FROM loan_contract c FORCE INDEX (ix_contract_approval)"
                + " JOIN insurance_policy p FORCE INDEX (ix_policy_contract) ON p.bank_code = c.bank_code AND p.contract_no = c.contract_no"
                + " JOIN premium_payment pp FORCE INDEX (ix_premium_policy) ON pp.bank_code = p.bank_code AND pp.policy_no = p.policy_no"
                + " WHERE (c.bank_code, c.approval_no) IN (", ") ORDER BY pp.id", approvals, LedgerFacts::columns, rs -> {
                    paymentsOf.computeIfAbsent(new Approval(rs.getString(1), rs.getString(2)), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(3), k -> new ArrayList<>())
                            .add(new PremiumPayment(rs.getBigDecimal(4), rs.getObject(5, LocalDate.class)));
                });
        Map<Approval, List<InsurancePolicy>> policies = new HashMap<>();
        policiesOf.forEach((approval, ofApproval) -> {
            Map<String, List<PremiumPayment>> payments = paymentsOf.getOrDefault(approval, Map.of());
            List<InsurancePolicy> list = new ArrayList<>();
            ofApproval.forEach((policyNo, p) -> list.add(
                    new InsurancePolicy(policyNo, p.contractNo(), payments.getOrDefault(policyNo, List.of()), p.cancelledOn())));
            policies.put(approval, list);
        });
        return policies;
    }

    private Map<TechPolicy, TechPolicyFacts> techPolicies(List<TechPolicy> keys, Map<String, List<DishonestyListing>> listings) {
        record Row(TechPolicy key, String line, String uscc, String industryCode, String district, int employees, BigDecimal revenue,
                   BigDecimal assets, BigDecimal premium, LocalDate startOn, LocalDate cancelledOn) {
        }
        Function<TechPolicy, List<Object>> columns = k -> List.of(k.insurerCode(), k.policyNo());
        List<Row> rows = new ArrayList<>();
        queryIn("SELECT STRAIGHT_JOIN p.insurer_code, p.policy_no, p.line, p.uscc, p.industry_code, p.registered_district, p.employees,"
                + " p.annual_revenue, p.total_assets, p.premium, p.start_on, pc.cancelled_on FROM tech_policy p FORCE INDEX (uk_tech_policy)"
                + " LEFT JOIN tech_policy_cancellation pc FORCE INDEX (uk_tech_cancellation)"
                + " ON pc.insurer_code = p.insurer_code AND pc.policy_no = p.policy_no"
                + " WHERE (p.insurer_code, p.policy_no) IN (", ")", keys, columns, rs -> {
                    rows.add(new Row(new TechPolicy(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                            rs.getObject(11, LocalDate.class), rs.getObject(12, LocalDate.class)));
                });
        Map<TechPolicy, List<Qualification>> qualifications = new HashMap<>();
        queryIn("SELECT insurer_code, policy_no, qualification_type, valid_from, valid_to"
                + " FROM tech_policy_qualification FORCE INDEX (ix_tech_qualification_policy) WHERE (insurer_code, policy_no) IN (",
                ") ORDER BY id", keys, columns, rs -> {
                    qualifications.computeIfAbsent(new TechPolicy(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(new Qualification(rs.getString(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)));
                });
        Map<TechPolicy, List<PremiumPayment>> payments = new HashMap<>();
        queryIn("SELECT insurer_code, policy_no, amount, paid_on FROM tech_premium_payment FORCE INDEX (ix_tech_premium_policy)"
                + " WHERE (insurer_code, policy_no) IN (", ") ORDER BY id", keys, columns, rs -> {
                    payments.computeIfAbsent(new TechPolicy(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(new PremiumPayment(rs.getBigDecimal(3), rs.getObject(4, LocalDate.class)));
                });
        Map<TechPolicy, TechPolicyFacts> facts = new HashMap<>();
        for (Row r : rows) {
            FirmSnapshot firm = new FirmSnapshot(r.uscc(), r.industryCode(), r.district(), r.employees(), r.revenue(), r.assets(),
                    qualifications.getOrDefault(r.key(), List.of()));
            facts.put(r.key(), new TechPolicyFacts(r.key().insurerCode(), r.key().policyNo(), r.line(), firm, r.premium(), r.startOn(),
                    payments.getOrDefault(r.key(), List.of()), r.cancelledOn(), Facts.found(listings, r.uscc(), "dishonesty listings of")));
        }
        return facts;
    }

    private void instalments(List<Instalment> instalments, Map<Instalment, InterestInstalment> paid,
                             Map<Instalment, LoanContract> contractOf) {
        queryIn("SELECT STRAIGHT_JOIN " + CONTRACT_COLUMNS + ", ip.installment_no, ip.interest_amount, ip.due_on, ip.paid_on"
                + " FROM interest_payment ip FORCE INDEX (uk_interest)"
                + " JOIN loan_contract c FORCE INDEX (uk_contract) ON c.bank_code = ip.bank_code AND c.contract_no = ip.contract_no" + CONTRACT_FACTS
                + " WHERE (ip.bank_code, ip.contract_no, ip.installment_no) IN (", ")", instalments,
                i -> List.of(i.bankCode(), i.contractNo(), i.installmentNo()), rs -> {
                    LoanContract contract = contract(rs);
                    int n = CONTRACT_BANK_CODE;
                    Instalment key = new Instalment(rs.getString(n), contract.contractNo(), rs.getInt(n + 1));
                    paid.put(key, new InterestInstalment(contract.contractNo(), key.installmentNo(), rs.getBigDecimal(n + 2),
                            rs.getObject(n + 3, LocalDate.class), rs.getObject(n + 4, LocalDate.class)));
                    contractOf.put(key, contract);
                });
    }

    /**
     * Runs {@code before + "(?,…),(?,…)" + after} once per {@value #KEYS_PER_QUERY} keys, each key
     * bound as the tuple of its columns (a row-value {@code IN}, as MySQL and MariaDB both take it).
     */
    private <K> void queryIn(String before, String after, List<K> keys, Function<K, List<Object>> columns,
                             RowCallbackHandler rows) {
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            List<K> slice = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
            int arity = columns.apply(slice.get(0)).size();
            String tuple = arity == 1 ? "?" : "(" + String.join(",", Collections.nCopies(arity, "?")) + ")";
            Object[] args = slice.stream().flatMap(k -> columns.apply(k).stream()).toArray();
            ledger.query(before + String.join(",", Collections.nCopies(slice.size(), tuple)) + after, rows, args);
        }
    }

    private static List<Object> columns(Approval approval) {
        return List.of(approval.bankCode(), approval.approvalNo());
    }

    private static <K, V> Map<K, List<V>> emptyLists(List<K> keys) {
        Map<K, List<V>> lists = new HashMap<>();
        keys.forEach(k -> lists.put(k, new ArrayList<>()));
        return lists;
    }

    /** A contract's columns (the bank code last), read from {@code loan_contract c} joined with {@link #CONTRACT_FACTS}. */
    private static final String CONTRACT_COLUMNS = "c.contract_no, c.approval_no, c.principal, c.annual_rate, c.lpr1y,"
            + " c.disbursed_on, c.maturity_on, c.renewal_of, s.settled_on,"
            + " EXISTS (SELECT 1 FROM loan_overdue o FORCE INDEX (ix_overdue_contract) WHERE o.bank_code = c.bank_code AND o.contract_no = c.contract_no),"
            + " d.defaulted_on, c.bank_code";
    private static final int CONTRACT_BANK_CODE = 12;

    private static final String CONTRACT_FACTS =
            " LEFT JOIN loan_settlement s FORCE INDEX (uk_settlement) ON s.bank_code = c.bank_code AND s.contract_no = c.contract_no"
            + " LEFT JOIN loan_default d FORCE INDEX (uk_default) ON d.bank_code = c.bank_code AND d.contract_no = c.contract_no";

    private static LoanContract contract(ResultSet rs) throws SQLException {
        return new LoanContract(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getString(8),
                rs.getObject(9, LocalDate.class), rs.getBoolean(10), rs.getObject(11, LocalDate.class));
    }
}
