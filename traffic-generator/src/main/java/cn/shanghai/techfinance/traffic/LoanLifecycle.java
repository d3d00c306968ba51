package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.EventData;
import cn.shanghai.techfinance.contracts.bank.EventType;
import cn.shanghai.techfinance.contracts.bank.Firm;
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
import cn.shanghai.techfinance.contracts.bank.Program;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The bank's events for one application, from loan.applied to settlement (or default), in time
 * order. Edge-case behaviour applies to the loan's first contract only, so the rest of the loan
 * stays ordinary traffic.
 */
final class LoanLifecycle {

    private static final BigDecimal DAY_COUNT_BASIS = BigDecimal.valueOf(360);
    private static final BigDecimal RATE_CAP_FACTOR = new BigDecimal("1.4");
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    private static final String[] INSURERS = {"PICC-SH", "CPIC-SH", "PAIC-SH"};
    private static final String[] REJECTION_REASONS = {
        "经营现金流不足以覆盖还款", "征信记录不符合授信条件", "担保条件不足", "申请材料不完整"};

    private final LoanPlan loan;
    private final Scenario scenario;
    private final boolean variant;
    private final SplittableRandom r;
    private final EventIds ids;
    private final String source;
    private final LocalDate until;
    private final List<BankEvent> events = new ArrayList<>();

    LoanLifecycle(LoanPlan loan, LocalDate until) {
        this.loan = loan;
        this.scenario = loan.scenario();
        this.variant = loan.firm().variant();
        this.r = loan.random();
        this.ids = new EventIds(r.split());
        this.source = EventSource.bank(loan.bankCode());
        this.until = until;
    }

    /** Every event of the loan up to the run's last date, ordered by time (parents first). */
    List<BankEvent> events() {
        int termMonths = termMonths();
        BigDecimal requested = requestedAmount();
        String applicationNo = "A" + loan.reference();
        LocalDate appliedOn = loan.appliedOn();
        // long enough for the last tranche and one renewal
        Firm firm = loan.firm().snapshot(appliedOn, appliedOn.plusMonths(termMonths + 14L));
        emit(appliedOn, new LoanApplied(applicationNo, loan.program(), loan.firstLoan(), r.nextDouble() < 0.3,
                requested, termMonths, firm));

        LocalDate decidedOn = appliedOn.plusDays(r.nextInt(2, 11));
        if (scenario == Scenario.ORDINARY && r.nextDouble() < 0.04) {
            emit(decidedOn, new LoanRejected(applicationNo, REJECTION_REASONS[r.nextInt(REJECTION_REASONS.length)]));
            return inTimeOrder();
        }
        BigDecimal approved = scenario == Scenario.ORDINARY && r.nextDouble() < 0.15
                ? roundDownTo10k(requested.multiply(BigDecimal.valueOf(r.nextInt(80, 96))).movePointLeft(2))
                : requested;
        String approvalNo = "P" + loan.reference();
        emit(decidedOn, new LoanApproved(applicationNo, approvalNo, approved));

        int tranches = tranches(approved);
        BigDecimal tranche = roundDownTo10k(approved.divide(BigDecimal.valueOf(tranches), 2, RoundingMode.DOWN));
        BigDecimal left = approved;
        LocalDate drawnOn = decidedOn.plusDays(r.nextInt(1, 8));
        for (int t = 1; t <= tranches; t++) {
            BigDecimal principal = t == tranches ? left : tranche;
            left = left.subtract(principal);
            contract(approvalNo, "C" + loan.reference() + "-" + t, t == 1 ? scenario : Scenario.ORDINARY,
                    drawnOn, principal, termMonths, null);
            drawnOn = drawnOn.plusDays(r.nextInt(20, 46));
        }
        return inTimeOrder();
    }

    /** One contract (tranche or renewal): disbursement, policy (LYD), interest, then repayment or default. */
    private void contract(String approvalNo, String contractNo, Scenario plays, LocalDate disbursedOn,
                          BigDecimal principal, int termMonths, String renewalOf) {
        LocalDate maturityOn = disbursedOn.plusMonths(termMonths);
        BigDecimal lpr = LoanPrimeRate.oneYearOn(disbursedOn);
        BigDecimal rate = annualRate(lpr, plays);
        emit(disbursedOn, new LoanDisbursed(contractNo, approvalNo, principal, rate, lpr, disbursedOn, maturityOn, renewalOf));

        boolean ordinary = plays == Scenario.ORDINARY;
        boolean renews = ordinary && renewalOf == null && termMonths == 12 && r.nextDouble() < 0.12;
        LocalDate endOn = ordinary && !renews && loan.program() == Program.LYD && r.nextDouble() < 0.15
                ? maturityOn.minusDays(r.nextInt(10, 61)) // early repayment
                : maturityOn;

        LocalDate settledOn = null;
        boolean defaulted = payInterest(contractNo, plays, disbursedOn, endOn, principal, rate);
        if (renews) {
            // 无还本续贷: a new contract takes the principal over on maturity; this one is never repaid or settled
            contract(approvalNo, contractNo + "-R", Scenario.ORDINARY, maturityOn, principal, 12, contractNo);
        } else if (!defaulted) {
            LocalDate repaidOn = endOn;
            if (plays == Scenario.OVERDUE && loan.program() == Program.LYD) {
                emit(maturityOn.plusDays(1), new LoanOverdue(contractNo, maturityOn, principal));
                repaidOn = maturityOn.plusDays(r.nextInt(5, 41));
            }
            emit(repaidOn, new PrincipalRepaid(contractNo, principal, maturityOn, repaidOn));
            emit(repaidOn, new LoanSettled(contractNo, repaidOn));
            settledOn = repaidOn;
        }
        if (loan.program() == Program.LYD) {
            insure(contractNo, plays, disbursedOn, maturityOn, principal, settledOn);
        }
    }

    /** Interest instalments; returns whether the contract defaulted on one of them. */
    private boolean payInterest(String contractNo, Scenario plays, LocalDate disbursedOn, LocalDate endOn,
                                BigDecimal principal, BigDecimal rate) {
        int months = loan.program() == Program.HKZD
                ? (r.nextBoolean() ? 1 : 3)
                : (r.nextDouble() < 0.7 ? 1 : 3);
        List<LocalDate[]> periods = periods(disbursedOn, endOn, months);
        int missed = plays == Scenario.DEFAULTED ? Math.max(1, periods.size() / 2) : 0;
        int late = plays == Scenario.OVERDUE && loan.program() == Program.HKZD ? Math.max(1, (periods.size() + 1) / 2) : 0;
        for (int k = 1; k <= periods.size(); k++) {
            LocalDate start = periods.get(k - 1)[0];
            LocalDate end = periods.get(k - 1)[1];
            BigDecimal interest = interest(principal, rate, ChronoUnit.DAYS.between(start, end) + 1);
            LocalDate dueOn = end.plusDays(1);
            if (k == missed) {
                emit(dueOn.plusDays(1), new LoanOverdue(contractNo, dueOn, interest));
                LocalDate defaultedOn = dueOn.plusDays(r.nextInt(60, 91));
                BigDecimal accrued = interest(principal, rate, ChronoUnit.DAYS.between(dueOn, defaultedOn));
                emit(defaultedOn, new LoanDefaulted(contractNo, defaultedOn, principal, interest.add(accrued)));
                if (loan.program() == Program.HKZD) {
                    // collections recover the missed instalment after the default: paid on time it is not
                    LocalDate paidOn = defaultedOn.plusDays(r.nextInt(10, 61));
                    emit(paidOn, new InterestPaid(contractNo, k, start, end, interest, dueOn, paidOn));
                }
                return true;
            }
            LocalDate paidOn = dueOn;
            if (k == late) {
                emit(dueOn.plusDays(1), new LoanOverdue(contractNo, dueOn, interest));
                paidOn = dueOn.plusDays(r.nextInt(3, 26));
            } else if (r.nextDouble() < 0.1 && dueOn.minusDays(2).isAfter(start)) {
                paidOn = dueOn.minusDays(r.nextInt(1, 3)); // some firms pay a day or two early
            }
            emit(paidOn, new InterestPaid(contractNo, k, start, end, interest, dueOn, paidOn));
        }
        return false;
    }

    /** 履约保证保险 on an LYD contract: issue, premium payment(s), and a cancellation when the scenario wants one. */
    private void insure(String contractNo, Scenario plays, LocalDate disbursedOn, LocalDate maturityOn,
                        BigDecimal principal, LocalDate settledOn) {
        String policyNo = "Y" + contractNo.substring(1);
        BigDecimal premiumRate = BigDecimal.valueOf(plays == Scenario.CAPS_CROSSED ? r.nextInt(180, 221) : r.nextInt(100, 201))
                .movePointLeft(4);
        BigDecimal premium = principal.multiply(premiumRate).setScale(2, RoundingMode.HALF_UP);
        emit(disbursedOn, new PolicyIssued(policyNo, INSURERS[r.nextInt(INSURERS.length)], contractNo, principal,
                premiumRate, premium, disbursedOn));

        LocalDate paidOn = disbursedOn.plusDays(r.nextInt(0, 11));
        if (plays == Scenario.PREMIUM_AFTER_SETTLEMENT && settledOn != null) {
            BigDecimal first = premium.multiply(new BigDecimal("0.6")).setScale(2, RoundingMode.HALF_UP);
            emit(paidOn, new PremiumPaid(policyNo, first, paidOn));
            LocalDate restOn = settledOn.plusDays(r.nextInt(5, 41)); // outside the subsidy base
            emit(restOn, new PremiumPaid(policyNo, premium.subtract(first), restOn));
        } else {
            emit(paidOn, new PremiumPaid(policyNo, premium, paidOn));
        }

        if (plays == Scenario.POLICY_CANCELLED) {
            LocalDate cancelledOn = variant && settledOn != null
                    ? settledOn.plusDays(r.nextInt(30, 181)) // after the claim is likely paid: a clawback
                    : disbursedOn.plusDays(ChronoUnit.DAYS.between(disbursedOn, maturityOn) / 2);
            emit(cancelledOn, new PolicyCancelled(policyNo, cancelledOn));
        }
    }

    private BigDecimal annualRate(BigDecimal lpr, Scenario plays) {
        if (loan.program() == Program.LYD) {
            return lpr.add(basisPoints(r.nextInt(30, 201)));
        }
        if (plays == Scenario.RATE_ABOVE_CAP) {
            BigDecimal cap = lpr.multiply(RATE_CAP_FACTOR).setScale(4, RoundingMode.CEILING);
            return cap.add(basisPoints(r.nextInt(5, 151)));
        }
        return lpr.add(basisPoints(r.nextInt(-30, 81))); // always below lpr × 1.4
    }

    private int termMonths() {
        return switch (scenario) {
            case OUT_OF_WINDOW -> 2;
            case CAPS_CROSSED -> loan.program() == Program.LYD ? 12 : 24;
            case OVERDUE, DEFAULTED, RATE_ABOVE_CAP, PREMIUM_AFTER_SETTLEMENT, POLICY_CANCELLED, DISHONESTY_LISTED -> 12;
            default -> {
                double x = r.nextDouble();
                yield loan.program() == Program.LYD
                        ? (x < 0.1 ? 6 : x < 0.8 ? 12 : 24)
                        : (x < 0.6 ? 12 : x < 0.9 ? 24 : 36);
            }
        };
    }

    private BigDecimal requestedAmount() {
        int hundredThousands = switch (scenario) {
            case OUT_OF_WINDOW -> r.nextInt(5, 31);
            // premiums of 0.8–1.3 million, interest of 1.5–2.5 million a year: the per-firm caps fall
            case CAPS_CROSSED -> loan.program() == Program.LYD ? r.nextInt(450, 601) : r.nextInt(500, 801);
            default -> loan.program() == Program.LYD ? r.nextInt(10, 101) : r.nextInt(10, 301);
        };
        return BigDecimal.valueOf(hundredThousands * 100_000L).setScale(2);
    }

    private int tranches(BigDecimal approved) {
        if (scenario != Scenario.ORDINARY || approved.compareTo(BigDecimal.valueOf(2_000_000)) < 0) {
            return 1;
        }
        double x = r.nextDouble();
        return loan.program() == Program.LYD ? (x < 0.7 ? 1 : x < 0.9 ? 2 : 3) : (x < 0.8 ? 1 : 2);
    }

    /** Interest periods [start, end] covering [from, to) back to back, every {@code months}, the last one short. */
    private static List<LocalDate[]> periods(LocalDate from, LocalDate to, int months) {
        List<LocalDate[]> periods = new ArrayList<>();
        for (int k = 1; ; k++) {
            LocalDate start = from.plusMonths((long) (k - 1) * months);
            LocalDate boundary = from.plusMonths((long) k * months);
            if (!boundary.isBefore(to)) {
                periods.add(new LocalDate[] {start, to.minusDays(1)});
                return periods;
            }
            periods.add(new LocalDate[] {start, boundary.minusDays(1)});
        }
    }

    /** principal × annualRate × days / 360, rounded half-up to the fen. */
    static BigDecimal interest(BigDecimal principal, BigDecimal annualRate, long days) {
        return principal.multiply(annualRate).multiply(BigDecimal.valueOf(days)).divide(DAY_COUNT_BASIS, 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal basisPoints(int count) {
        return BigDecimal.valueOf(count).movePointLeft(4);
    }

    private static BigDecimal roundDownTo10k(BigDecimal amount) {
        return amount.divide(TEN_THOUSAND, 0, RoundingMode.DOWN).multiply(TEN_THOUSAND).setScale(2);
    }

    private void emit(LocalDate on, EventData data) {
        events.add(new BankEvent(ids.next(), source, BusinessClock.at(on, EventType.of(data), r), data));
    }

    private List<BankEvent> inTimeOrder() {
        List<BankEvent> kept = new ArrayList<>();
        for (BankEvent event : events) {
            if (!event.time().toLocalDate().isAfter(until)) {
                kept.add(event);
            }
        }
        kept.sort(Comparator.comparingLong(event -> event.time().toEpochSecond())); // stable: ties keep emission order
        return kept;
    }
}
