package cn.shanghai.techfinance.intake.consume;

import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore.ParkedEvent;
import cn.shanghai.techfinance.outbox.Outbox;
import cn.shanghai.techfinance.outbox.OutboxRecord;
import cn.shanghai.techfinance.intake.outbox.OutcomeRecords;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rejects events still parked after the contract's window (7 days) as {@code ORPHAN}: the
 * document they refer to never arrived, and the bank must be told rather than left waiting.
 */
@Component
public class OrphanSweeper {

    private static final int ROWS_PER_ROUND = 500;

    private final IntakeEventStore store;
    private final Outbox outbox;
    private final IntakeMetrics metrics;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration window;

    public OrphanSweeper(IntakeEventStore store, Outbox outbox, IntakeMetrics metrics, TransactionTemplate transaction,
                         Clock clock, @Value("${intake.parking.window:7d}") Duration window) {
        this.store = store;
        this.outbox = outbox;
        this.metrics = metrics;
        this.transaction = transaction;
        this.clock = clock;
        this.window = window;
    }

    @Scheduled(fixedDelayString = "${intake.parking.sweep-interval:10m}", initialDelayString = "${intake.parking.sweep-interval:10m}")
    public void sweepOnSchedule() {
        sweep();
    }

    /** Rejects every event parked longer than the window; returns how many. */
    public int sweep() {
        int total = 0;
        int swept;
        do {
            Integer n = transaction.execute(status -> sweepOneRound());
            swept = n == null ? 0 : n;
            total += swept;
        } while (swept == ROWS_PER_ROUND);
        return total;
    }

    private int sweepOneRound() {
        Instant now = clock.instant();
        List<ParkedEvent> expired = store.claimParkedBefore(now.minus(window), ROWS_PER_ROUND);
        List<OutboxRecord> outcomes = new ArrayList<>();
        IntakeMetrics.Tally tally = new IntakeMetrics.Tally();
        for (ParkedEvent parked : expired) {
            List<Violation> violations = List.of(new Violation(parked.awaitingField(), RejectionCode.ORPHAN,
                    "refers to " + parked.awaitingKey() + ", which did not arrive within " + window.toDays() + " days"));
            store.reject(parked.key(), violations, now);
            InboundRecord origin = new InboundRecord(parked.topic(), parked.partition(), parked.offset(), null, parked.payload());
            outcomes.add(OutcomeRecords.outcome(IntakeProcessor.outcome(parked.key(), parked.type(),
                    IntakeOutcome.Status.REJECTED, violations, origin, now)));
            tally.rejected(violations);
        }
        outbox.append(outcomes, now);
        metrics.countAfterCommit(tally);
        return expired.size();
    }
}
