package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Merges every firm's and loan's events into one stream in time order, lazily: a firm is planned
 * only when the stream reaches the day it first applies, a loan's events only when it reaches the
 * loan's application day. Memory grows with the firms (one small entry each) and the loans open at
 * the current time, not with the length of the run.
 *
 * <p>Each waiting entry is keyed by a time no later than anything it will produce, so taking the
 * smallest key always yields the next event. Equal times keep the order their entries were queued in.
 */
final class TimeOrderedEvents implements Iterator<BankEvent> {

    private abstract static class Entry {
        long key;
        final long order;

        Entry(long key, long order) {
            this.key = key;
            this.order = order;
        }
    }

    private static final class FirmArrival extends Entry {
        final int index;

        FirmArrival(long key, long order, int index) {
            super(key, order);
            this.index = index;
        }
    }

    private static final class LoanArrival extends Entry {
        final LoanPlan loan;

        LoanArrival(long key, long order, LoanPlan loan) {
            super(key, order);
            this.loan = loan;
        }
    }

    private static final class EventRun extends Entry {
        final List<BankEvent> events;
        int next;

        EventRun(long order, List<BankEvent> events) {
            super(events.get(0).time().toEpochSecond(), order);
            this.events = events;
        }
    }

    private final TrafficProfile profile;
    private final FirmPlanner planner;
    private final TechPolicies policies;
    private final PriorityQueue<Entry> waiting =
            new PriorityQueue<>(Comparator.<Entry>comparingLong(e -> e.key).thenComparingLong(e -> e.order));
    private long queued;
    private BankEvent ahead;

    TimeOrderedEvents(TrafficProfile profile) {
        this.profile = profile;
        this.planner = new FirmPlanner(profile);
        this.policies = new TechPolicies(profile);
        for (int index = 0; index < profile.firms(); index++) {
            FirmPlan firm = planner.plan(index, planner.randomOf(index));
            waiting.add(new FirmArrival(BusinessClock.startOf(firm.onboardedOn()), queued++, index));
        }
    }

    @Override
    public boolean hasNext() {
        if (ahead == null) {
            ahead = advance();
        }
        return ahead != null;
    }

    @Override
    public BankEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BankEvent event = ahead;
        ahead = null;
        return event;
    }

    private BankEvent advance() {
        while (!waiting.isEmpty()) {
            Entry head = waiting.poll();
            if (head instanceof EventRun run) {
                BankEvent event = run.events.get(run.next++);
                if (run.next < run.events.size()) {
                    run.key = run.events.get(run.next).time().toEpochSecond();
                    waiting.add(run);
                }
                return event;
            }
            if (head instanceof FirmArrival arrival) {
                // replanned from the same seed: identical to the plan that gave its arrival day
                SplittableRandom random = planner.randomOf(arrival.index);
                FirmPlan firm = planner.plan(arrival.index, random);
                List<LoanPlan> loans = planner.loans(firm, random);
                queueRun(planner.creditPlatformEvents(firm, loans, random));
                queueRun(policies.events(firm));
                for (LoanPlan loan : loans) {
                    waiting.add(new LoanArrival(BusinessClock.startOf(loan.appliedOn()), queued++, loan));
                }
            } else if (head instanceof LoanArrival arrival) {
                queueRun(new LoanLifecycle(arrival.loan, profile.until()).events());
            }
        }
        return null;
    }

    private void queueRun(List<BankEvent> events) {
        if (!events.isEmpty()) {
            waiting.add(new EventRun(queued++, events));
        }
    }
}
