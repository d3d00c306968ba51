package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.EventData;
import cn.shanghai.techfinance.contracts.bank.EventType;
import cn.shanghai.techfinance.contracts.bank.TechPolicyCancelled;
import cn.shanghai.techfinance.contracts.bank.TechPolicyIssued;
import cn.shanghai.techfinance.contracts.bank.TechPolicyLine;
import cn.shanghai.techfinance.contracts.bank.TechPremiumPaid;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The insurers' traffic (科技保险, bank-events.md "Insurers"), on only when the profile names
 * insurers: some firms take a policy of a covered or an uncovered line ({@code OTHER}) from one of
 * them, pay its premium at once or in two instalments, and some cancel it. Drawn from a generator
 * of its own per firm, so that the banks' traffic of a profile is the same with or without it.
 */
final class TechPolicies {

    /** Share of firms insured; of those, the share paying in two instalments and the share cancelling. */
    private static final double INSURED = 0.4;
    private static final double INSTALMENTS = 0.5;
    private static final double CANCELLED = 0.2;
    /** Keeps the policies' generator apart from the firm's own (FirmPlanner.randomOf). */
    private static final long SALT = 0x7EC4_9011_CE00_0001L;

    private final TrafficProfile profile;

    TechPolicies(TrafficProfile profile) {
        this.profile = profile;
    }

    /** The firm's policy events in time order, none after the run's end; empty without insurers. */
    List<BankEvent> events(FirmPlan firm) {
        List<String> insurers = profile.insurerCodes();
        if (insurers.isEmpty()) {
            return List.of();
        }
        SplittableRandom r = new SplittableRandom(profile.seed() ^ SALT ^ (firm.index() * 0x9E37_79B9_7F4A_7C15L));
        if (r.nextDouble() >= INSURED) {
            return List.of();
        }
        String insurer = insurers.get(r.nextInt(insurers.size()));
        EventIds ids = new EventIds(r.split());
        TechPolicyLine[] lines = TechPolicyLine.values();
        TechPolicyLine line = lines[r.nextInt(lines.length)];
        LocalDate startOn = firm.onboardedOn().plusDays(r.nextInt(0, 120));
        LocalDate endOn = startOn.plusYears(1).minusDays(1);
        BigDecimal insured = BigDecimal.valueOf(r.nextInt(10, 201)).multiply(BigDecimal.valueOf(100_000));
        // a rate of 0.5 %–2.0 %, the premium rounded once, half-up, to the fen
        BigDecimal premium = insured.multiply(BigDecimal.valueOf(r.nextInt(5, 21), 3)).setScale(2, RoundingMode.HALF_UP);
        String policyNo = "TP-" + firm.index() + "-" + insurer;
        List<BankEvent> events = new ArrayList<>();
        events.add(event(ids, insurer, startOn, new TechPolicyIssued(policyNo, line, firm.snapshot(startOn, endOn), insured,
                premium, startOn, endOn), r));
        LocalDate paidOn = startOn.plusDays(r.nextInt(1, 15));
        if (r.nextDouble() < INSTALMENTS) {
            BigDecimal first = premium.divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
            events.add(event(ids, insurer, paidOn, new TechPremiumPaid(policyNo, first, paidOn), r));
            LocalDate secondOn = paidOn.plusMonths(6);
            events.add(event(ids, insurer, secondOn, new TechPremiumPaid(policyNo, premium.subtract(first), secondOn), r));
        } else {
            events.add(event(ids, insurer, paidOn, new TechPremiumPaid(policyNo, premium, paidOn), r));
        }
        if (r.nextDouble() < CANCELLED) {
            LocalDate cancelledOn = startOn.plusDays(r.nextInt(30, 300));
            events.add(event(ids, insurer, cancelledOn, new TechPolicyCancelled(policyNo, cancelledOn), r));
        }
        return events.stream().sorted(Comparator.comparing(BankEvent::time))
                .filter(e -> !e.time().toLocalDate().isAfter(profile.until())).toList();
    }

    private static BankEvent event(EventIds ids, String insurer, LocalDate on, EventData data, SplittableRandom r) {
        return new BankEvent(ids.next(), EventSource.insurer(insurer), BusinessClock.at(on, EventType.of(data), r), data);
    }
}
