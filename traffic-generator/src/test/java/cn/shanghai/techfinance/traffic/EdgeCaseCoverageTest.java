package cn.shanghai.techfinance.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
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
import cn.shanghai.techfinance.contracts.bank.Program;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The default profile exercises every case of subsidy-rules.md, judged from the events themselves
 * (as the engine will see them), not from the generator's intentions.
 */
class EdgeCaseCoverageTest {

    private static final List<BankEvent> EVENTS = DefaultTraffic.EVENTS;
    private static final LocalDate TECH_SERVICE_FROM = LocalDate.of(2025, 5, 22);
    private static final BigDecimal SME_MONEY_LIMIT = new BigDecimal("200000000.00");

    private final Map<String, LoanApplied> applications = new HashMap<>();
    private final Map<String, String> applicationOfApproval = new HashMap<>();
    private final Map<String, LoanDisbursed> contracts = new HashMap<>();
    private final Map<String, LocalDate> settledOn = new HashMap<>();
    private final Map<String, LocalDate> defaultedOn = new HashMap<>();
    private final Map<String, String> contractOfPolicy = new HashMap<>();
    private final Map<String, Integer> contractsPerApproval = new HashMap<>();
    private final Map<LoanDisbursed, String> bankOf = new IdentityHashMap<>();

    EdgeCaseCoverageTest() {
        for (BankEvent event : EVENTS) {
            String bank = event.source() + " ";
            if (event.data() instanceof LoanApplied a) {
                applications.put(bank + a.applicationNo(), a);
            } else if (event.data() instanceof LoanApproved a) {
                applicationOfApproval.put(bank + a.approvalNo(), bank + a.applicationNo());
            } else if (event.data() instanceof LoanDisbursed d) {
                contracts.put(bank + d.contractNo(), d);
                bankOf.put(d, bank);
                contractsPerApproval.merge(bank + d.approvalNo(), d.renewalOf() == null ? 1 : 0, Integer::sum);
            } else if (event.data() instanceof LoanSettled settled) {
                settledOn.put(bank + settled.contractNo(), settled.settledOn());
            } else if (event.data() instanceof LoanDefaulted defaulted) {
                defaultedOn.put(bank + defaulted.contractNo(), defaulted.defaultedOn());
            } else if (event.data() instanceof PolicyIssued policy) {
                contractOfPolicy.put(bank + policy.policyNo(), bank + policy.contractNo());
            }
        }
    }

    @Test
    void firmsThatAreNotQuiteTechFirms() {
        assertThat(disbursements(d -> techService(firmOf(d)) && firmOf(d).qualifications().isEmpty()
                && d.disbursedOn().isBefore(TECH_SERVICE_FROM))).as("tech-service, no qualification, before 2025-05-22").isPositive();
        assertThat(disbursements(d -> techService(firmOf(d)) && firmOf(d).qualifications().isEmpty()
                && !d.disbursedOn().isBefore(TECH_SERVICE_FROM))).as("tech-service, no qualification, from 2025-05-22").isPositive();
        assertThat(disbursements(d -> techService(firmOf(d)) && !firmOf(d).qualifications().isEmpty()))
                .as("tech-service with a qualification").isPositive();
        assertThat(disbursements(d -> !techService(firmOf(d)) && !firmOf(d).qualifications().isEmpty()
                && firmOf(d).qualifications().stream().allMatch(q -> q.validTo().isBefore(d.disbursedOn()))))
                .as("qualification expired before disbursement").isPositive();
        assertThat(disbursements(d -> !firmOf(d).registeredDistrict().startsWith("31"))).as("not Shanghai").isPositive();
        assertThat(disbursements(d -> applicationOf(d).program() == Program.LYD && oversized(firmOf(d)))).as("SIZE_EXCEEDED").isPositive();
    }

    @Test
    void paymentsThatGoWrong() {
        assertThat(count(LoanOverdue.class)).as("loan.overdue").isPositive();
        assertThat(count(LoanDefaulted.class)).as("loan.defaulted").isPositive();
        assertThat(interestPayments(p -> p.paidOn().isAfter(p.dueOn()))).as("HKZD instalment paid late").isPositive();
        assertThat(interestPayments(p -> defaultedOn.containsKey(p.key) && !p.paidOn().isBefore(defaultedOn.get(p.key))))
                .as("HKZD instalment paid on or after the default").isPositive();
        assertThat(count(FirmDishonestyListed.class)).as("dishonesty listed").isPositive();
        assertThat(count(FirmDishonestyCleared.class)).as("dishonesty cleared").isPositive();
        assertThat(count(LoanRejected.class)).as("loan.rejected").isPositive();
    }

    @Test
    void loanShapes() {
        assertThat(EVENTS.stream().filter(e -> e.data() instanceof LoanApplied a && a.firstLoan()).count()).as("first loans").isPositive();
        assertThat(disbursements(d -> d.renewalOf() != null)).as("无还本续贷 renewals").isPositive();
        assertThat(contractsPerApproval.values().stream().filter(n -> n > 1).count()).as("approvals in tranches").isPositive();
        assertThat(disbursements(d -> applicationOf(d).program() == Program.HKZD
                && d.annualRate().compareTo(d.lpr1y().multiply(new BigDecimal("1.4"))) > 0)).as("rate above lpr1y × 1.4").isPositive();
        assertThat(settledOn.entrySet().stream().filter(s -> s.getValue().isBefore(LocalDate.of(2024, 9, 1))
                && applicationOf(contracts.get(s.getKey())).program() == Program.LYD).count()).as("LYD settled before SY2025").isPositive();
    }

    @Test
    void premiumsAndPolicies() {
        long paidAfterSettlement = EVENTS.stream()
                .filter(e -> e.data() instanceof PremiumPaid p && paidAfterSettlement(e.source() + " ", p)).count();
        assertThat(paidAfterSettlement).as("premium paid after settlement").isPositive();
        List<BankEvent> cancellations = EVENTS.stream().filter(e -> e.data() instanceof PolicyCancelled).toList();
        assertThat(cancellations.stream().filter(e -> cancelledAfterSettlement(e.source() + " ", (PolicyCancelled) e.data())))
                .as("cancelled after settlement (clawback)").isNotEmpty();
        assertThat(cancellations.stream().filter(e -> !cancelledAfterSettlement(e.source() + " ", (PolicyCancelled) e.data())))
                .as("cancelled during the loan").isNotEmpty();
    }

    @Test
    void perFirmCapsAreCrossed() {
        // LYD: 50 % of the premiums of one subsidy year (by settlement date) above 500,000.00
        Map<String, BigDecimal> premiumsPerFirmAndYear = new HashMap<>();
        // HKZD: 50 % of one calendar year's interest above 1,000,000.00
        Map<String, BigDecimal> interestPerFirmAndYear = new HashMap<>();
        for (BankEvent event : EVENTS) {
            String bank = event.source() + " ";
            if (event.data() instanceof PremiumPaid p) {
                String contract = contractOfPolicy.get(bank + p.policyNo());
                LocalDate settled = settledOn.get(contract);
                if (settled != null && !p.paidOn().isAfter(settled)) {
                    int subsidyYear = settled.getMonthValue() >= 9 ? settled.getYear() + 1 : settled.getYear();
                    premiumsPerFirmAndYear.merge(firmOf(contracts.get(contract)).uscc() + subsidyYear, p.amount(), BigDecimal::add);
                }
            } else if (event.data() instanceof InterestPaid p) {
                LoanDisbursed contract = contracts.get(bank + p.contractNo());
                if (applicationOf(contract).program() == Program.HKZD) {
                    interestPerFirmAndYear.merge(firmOf(contract).uscc() + p.paidOn().getYear(), p.interestAmount(), BigDecimal::add);
                }
            }
        }
        assertThat(premiumsPerFirmAndYear.values()).anyMatch(sum -> sum.compareTo(new BigDecimal("1000000.00")) > 0);
        assertThat(interestPerFirmAndYear.values()).anyMatch(sum -> sum.compareTo(new BigDecimal("2000000.00")) > 0);
    }

    @Test
    void everyScenarioIsPlayedByAFewFirms() {
        assertThat(TrafficProfile.defaults().firms() * TrafficProfile.defaults().edgeCaseShare())
                .isGreaterThanOrEqualTo(4.0 * Scenario.EDGE_CASES.length); // both variants, twice
    }

    private record Instalment(String key, LocalDate paidOn, LocalDate dueOn) {
    }

    private long interestPayments(Predicate<Instalment> test) {
        return EVENTS.stream()
                .filter(e -> e.data() instanceof InterestPaid p
                        && applicationOf(contracts.get(e.source() + " " + p.contractNo())).program() == Program.HKZD
                        && test.test(new Instalment(e.source() + " " + p.contractNo(), p.paidOn(), p.dueOn())))
                .count();
    }

    private boolean paidAfterSettlement(String bank, PremiumPaid paid) {
        LocalDate settled = settledOn.get(contractOfPolicy.get(bank + paid.policyNo()));
        return settled != null && paid.paidOn().isAfter(settled);
    }

    private boolean cancelledAfterSettlement(String bank, PolicyCancelled cancelled) {
        LocalDate settled = settledOn.get(contractOfPolicy.get(bank + cancelled.policyNo()));
        return settled != null && cancelled.cancelledOn().isAfter(settled);
    }

    private long disbursements(Predicate<LoanDisbursed> test) {
        return contracts.values().stream().filter(test).count();
    }

    private long count(Class<?> type) {
        return EVENTS.stream().filter(e -> type.isInstance(e.data())).count();
    }

    private LoanApplied applicationOf(LoanDisbursed contract) {
        return applications.get(applicationOfApproval.get(bankOf.get(contract) + contract.approvalNo()));
    }

    private Firm firmOf(LoanDisbursed contract) {
        return applicationOf(contract).firm();
    }

    private static boolean techService(Firm firm) {
        return firm.industryCode().matches("7[345].*");
    }

    private static boolean oversized(Firm firm) {
        return firm.employees() > 500 || firm.annualRevenue().compareTo(SME_MONEY_LIMIT) > 0
                || firm.totalAssets().compareTo(SME_MONEY_LIMIT) > 0;
    }
}
