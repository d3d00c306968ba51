package cn.shanghai.techfinance.intake.consume;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.contracts.bank.DecodeResult;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.consumer.BatchFailures;
import cn.shanghai.techfinance.intake.ledger.FactKey;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore.DeadLetterRow;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore.EventKey;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore.EventRow;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore.ParkedEvent;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore.Status;
import cn.shanghai.techfinance.intake.ledger.LedgerWriter;
import cn.shanghai.techfinance.outbox.Outbox;
import cn.shanghai.techfinance.outbox.OutboxRecord;
import cn.shanghai.techfinance.intake.outbox.OutcomeRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides the fate of a consumed batch of inbound records, in one database transaction:
 * <ol>
 *   <li>decode and validate each record against the contract, and check that its {@code source}
 *       is the sender its topic proves;</li>
 *   <li>drop repeats of an {@code (source, id)} already seen, in the ledger or earlier in the batch;</li>
 *   <li>accept an event whose parents are known, reject one that records a fact again, park one
 *       whose parent has not arrived yet;</li>
 *   <li>apply parked events whose parents this batch brought, round by round, since an unparked
 *       event can be a parent in turn;</li>
 *   <li>write the ledger in batches and every final outcome to the outbox.</li>
 * </ol>
 * The Kafka offsets are committed only after this returns, so a crash anywhere replays the batch,
 * and step 2 makes the replay change nothing. A record that fails on its own is set aside by
 * {@link #deadLetter(InboundRecord, Throwable)} (see {@link BatchFailures}).
 */
@Service
public class IntakeProcessor {

    private static final Logger log = LoggerFactory.getLogger(IntakeProcessor.class);
    /** What the bank is told of a record that failed on our side: the details are for the operator. */
    static final String INTERNAL_MESSAGE = "intake could not process this event; it is kept for an operator, who follows it up";
    /** {@code intake_dead_letter.failure} is TEXT: an exception's text, cut well inside it. */
    private static final int FAILURE_TEXT = 4000;

    private final BankEventCodec codec;
    private final IntakeEventStore store;
    private final LedgerWriter ledger;
    private final Outbox outbox;
    private final IntakeMetrics metrics;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    public IntakeProcessor(BankEventCodec codec, IntakeEventStore store, LedgerWriter ledger, Outbox outbox, IntakeMetrics metrics,
                           Clock clock, PlatformTransactionManager transactions) {
        this.codec = codec;
        this.store = store;
        this.ledger = ledger;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Transactional
    public void process(List<InboundRecord> records) {
        Batch batch = new Batch(clock.instant());
        List<Candidate> candidates = new ArrayList<>();
        for (InboundRecord record : records) {
            read(record, batch).ifPresent(candidates::add);
        }
        Set<EventKey> seen = store.existing(candidates.stream().map(Candidate::key).toList());
        List<Candidate> fresh = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (seen.add(candidate.key())) {
                fresh.add(candidate);
            } else {
                batch.tally.duplicate();
            }
        }
        decideFresh(fresh, batch);
        applyUnparked(batch);
        outbox.append(batch.outbox, batch.now);
        metrics.countAfterCommit(batch.tally);
    }

    /**
     * Applies parked events whose parent the ledger holds after all, up to {@code limit} awaited
     * facts; returns how many it found. With more than one consumer (threads or instances), a child
     * and its parent on different partitions can be decided side by side: the child's batch reads
     * the ledger before the parent's commits, and parks the child; the parent's batch, looking for
     * events waiting for it, locks where the child's park would go, so the park is written only
     * after the parent's batch committed, having found nothing. No batch would un-park that child:
     * this does, as the parent's batch would have.
     */
    @Transactional
    public int applyArrivedParents(int limit) {
        Batch batch = new Batch(clock.instant());
        Map<String, Set<String>> arrived = store.arrivedAwaited(limit);
        arrived.forEach((source, keys) -> keys.forEach(key -> batch.created(source, key)));
        applyUnparked(batch);
        outbox.append(batch.outbox, batch.now);
        metrics.countAfterCommit(batch.tally);
        return arrived.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * Sets aside a record that failed on its own (a row the ledger refuses, a fault of ours), in a
     * transaction of its own: kept with the failure for the operator, and rejected to its sender as
     * {@code INTERNAL} like any other outcome, also in the ledger where the event can be read, so
     * that the events API answers for it. The records around it go on.
     */
    @Transactional
    public void deadLetter(InboundRecord record, Throwable failure) {
        Batch batch = new Batch(clock.instant());
        String source = Topics.expectedSource(record.topic()).orElse(null);
        String eventId = null;
        String type = null;
        DecodeResult result = codec.decode(record.value());
        if (result instanceof DecodeResult.Decoded decoded) {
            eventId = decoded.event().id();
            type = decoded.event().type().typeName();
        } else if (result instanceof DecodeResult.Rejected rejected && rejected.identifiable()) {
            eventId = rejected.id();
            type = RejectionEcho.text(rejected.type(), RejectionEcho.TYPE);
        }
        List<Violation> violations = List.of(new Violation("$", RejectionCode.INTERNAL, INTERNAL_MESSAGE));
        if (source != null && eventId != null) {
            recordRejected(new EventRow(new EventKey(source, eventId), type, null, Status.REJECTED, null, violations,
                    record.topic(), record.partition(), record.offset(), record.value(), batch.now, batch.now));
        }
        String text = failure.toString();
        deadLetter(record, source, eventId, type, violations, text.length() <= FAILURE_TEXT ? text : text.substring(0, FAILURE_TEXT),
                batch);
        outbox.append(batch.outbox, batch.now);
        metrics.countAfterCommit(batch.tally);
    }

    /**
     * Records the rejection in the ledger under a savepoint: if the ledger refuses even that row (the
     * event's own row was what failed), the dead letter and the outcome are kept without it.
     */
    private void recordRejected(EventRow row) {
        if (!store.existing(List.of(row.key())).isEmpty()) {
            return;
        }
        try {
            savepoint.executeWithoutResult(s -> store.insert(List.of(row)));
        } catch (RuntimeException e) {
            if (BatchFailures.isUnavailability(e)) {
                throw e;
            }
            log.warn("event {} of {} is dead-lettered without its ledger row, which was refused: {}", row.key().eventId(),
                    row.key().source(), e.toString());
        }
    }

    /** Decodes one record; an unreadable one goes to the dead letters and yields nothing. */
    private Optional<Candidate> read(InboundRecord record, Batch batch) {
        Optional<String> sender = Topics.expectedSource(record.topic());
        DecodeResult result = codec.decode(record.value());
        if (sender.isEmpty()) {
            deadLetter(record, null, null, null, List.of(new Violation("$", RejectionCode.SOURCE_MISMATCH,
                    "topic " + record.topic() + " is not a topic of the contract")), null, batch);
            return Optional.empty();
        }
        String source = sender.get();
        if (result instanceof DecodeResult.Rejected rejected) {
            // the rejection echoes the sender's raw input: bounded, so that it always fits the ledger
            // and the outcome (an overflow would fail the batch on every retry and stop the consumer)
            List<Violation> violations = RejectionEcho.violations(rejected.violations());
            if (!rejected.identifiable()) {
                deadLetter(record, source, null, null, violations, null, batch);
                return Optional.empty();
            }
            return Optional.of(Candidate.rejected(record, new EventKey(source, rejected.id()),
                    RejectionEcho.text(rejected.type(), RejectionEcho.TYPE), violations));
        }
        BankEvent event = ((DecodeResult.Decoded) result).event();
        if (!event.source().equals(source)) {
            return Optional.of(Candidate.rejected(record, new EventKey(source, event.id()), event.type().typeName(),
                    List.of(new Violation("source", RejectionCode.SOURCE_MISMATCH, "source " + event.source()
                            + " on topic " + record.topic() + ": events on this topic must carry source " + source))));
        }
        return Optional.of(new Candidate(record, new EventKey(source, event.id()), event.type().typeName(), event, List.of()));
    }

    private void decideFresh(List<Candidate> fresh, Batch batch) {
        Facts facts = Facts.load(store, fresh.stream().filter(c -> c.event() != null).map(Candidate::event).toList());
        List<EventRow> rows = new ArrayList<>();
        List<BankEvent> accepted = new ArrayList<>();
        List<EventKey> parkedKeys = new ArrayList<>();
        List<FactKey> awaiting = new ArrayList<>();
        for (Candidate c : fresh) {
            InboundRecord r = c.record();
            if (c.event() == null) {
                rows.add(row(c, Status.REJECTED, null, c.violations(), batch.now, batch.now));
                rejected(c.key(), c.type(), c.violations(), r, batch);
                continue;
            }
            Decision decision = facts.decide(c.event());
            switch (decision.status()) {
                case ACCEPTED -> {
                    rows.add(row(c, Status.ACCEPTED, decision.factKey(), List.of(), batch.now, batch.now));
                    accepted.add(c.event());
                    batch.created(c.key().source(), decision.factKey());
                    accepted(c.key(), c.type(), r, batch);
                }
                case REJECTED -> {
                    rows.add(row(c, Status.REJECTED, null, decision.violations(), batch.now, batch.now));
                    rejected(c.key(), c.type(), decision.violations(), r, batch);
                }
                case PARKED -> {
                    rows.add(row(c, Status.PARKED, null, List.of(), batch.now, null));
                    parkedKeys.add(c.key());
                    awaiting.add(decision.awaiting());
                    batch.tally.parked();
                }
            }
        }
        store.insert(rows);
        ledger.write(accepted, batch.now);
        store.park(parkedKeys, awaiting, batch.now);
    }

    /** Applies parked events whose awaited fact this batch established; repeats while that unparks more. */
    private void applyUnparked(Batch batch) {
        Map<String, Set<String>> created = batch.takeCreated();
        while (!created.isEmpty()) {
            List<ParkedEvent> waiting = new ArrayList<>();
            created.forEach((source, keys) -> waiting.addAll(store.claimParkedAwaiting(source, keys)));
            List<ParkedEvent> decodable = new ArrayList<>();
            List<BankEvent> events = new ArrayList<>();
            for (ParkedEvent parked : waiting) {
                if (codec.decode(parked.payload()) instanceof DecodeResult.Decoded decoded) {
                    decodable.add(parked);
                    events.add(decoded.event());
                } else {
                    undecodable(parked, batch);
                }
            }
            Facts facts = Facts.load(store, events);
            List<BankEvent> accepted = new ArrayList<>();
            for (int i = 0; i < decodable.size(); i++) {
                ParkedEvent parked = decodable.get(i);
                BankEvent event = events.get(i);
                InboundRecord origin = origin(parked);
                Decision decision = facts.decide(event);
                switch (decision.status()) {
                    case ACCEPTED -> {
                        store.accept(parked.key(), decision.factKey(), batch.now);
                        accepted.add(event);
                        batch.created(parked.key().source(), decision.factKey());
                        accepted(parked.key(), event.type().typeName(), origin, batch);
                        batch.tally.unparked();
                    }
                    case REJECTED -> {
                        store.reject(parked.key(), decision.violations(), batch.now);
                        rejected(parked.key(), event.type().typeName(), decision.violations(), origin, batch);
                        batch.tally.unparked();
                    }
                    case PARKED -> {
                        if (!decision.awaiting().key().equals(parked.awaitingKey())) {
                            store.parkAgain(parked.key(), decision.awaiting());
                        }
                    }
                }
            }
            ledger.write(accepted, batch.now);
            created = batch.takeCreated();
        }
    }

    /**
     * A parked event whose stored payload the codec no longer accepts (the contract's codec changed
     * since it was parked): rejected with the codec's violations and kept for the operator, rather
     * than failing the batch of the parent that came for it.
     */
    private void undecodable(ParkedEvent parked, Batch batch) {
        DecodeResult.Rejected rejected = (DecodeResult.Rejected) codec.decode(parked.payload());
        List<Violation> violations = RejectionEcho.violations(rejected.violations());
        store.reject(parked.key(), violations, batch.now);
        deadLetter(origin(parked), parked.key().source(), parked.key().eventId(), parked.type(), violations,
                "the parked payload no longer decodes", batch);
    }

    private static InboundRecord origin(ParkedEvent parked) {
        return new InboundRecord(parked.topic(), parked.partition(), parked.offset(), null, parked.payload());
    }

    /**
     * Keeps a record intake cannot process (table and dead-letter topic) and tells its sender it is
     * rejected; {@code source}, {@code eventId} and {@code type} are null where they could not be read.
     */
    private void deadLetter(InboundRecord record, String source, String eventId, String type, List<Violation> violations,
                            String failure, Batch batch) {
        if (store.deadLetterExists(record.topic(), record.partition(), record.offset())) {
            batch.tally.duplicate();
            return;
        }
        // the record key is whatever the producer sent: cut to the column (key_bytes and the dead-letter topic keep it whole)
        String key = record.key() == null ? null
                : RejectionEcho.text(new String(record.key(), StandardCharsets.UTF_8), RejectionEcho.RECORD_KEY);
        store.insertDeadLetter(new DeadLetterRow(record.topic(), record.partition(), record.offset(), key, record.key(), source,
                eventId, violations, failure, record.value(), batch.now));
        String reason = violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("");
        batch.outbox.add(OutcomeRecords.deadLetter(record.topic(), record.partition(), record.offset(), record.key(), record.value(), reason));
        batch.outbox.add(OutcomeRecords.outcome(new IntakeOutcome(eventId, source, source == null ? null : EventSource.senderCode(source).orElse(null),
                type, IntakeOutcome.Status.REJECTED, violations, record.topic(), record.partition(), record.offset(), batch.now)));
        batch.tally.deadLetter(violations);
    }

    private static void accepted(EventKey key, String type, InboundRecord r, Batch batch) {
        batch.outbox.add(OutcomeRecords.outcome(outcome(key, type, IntakeOutcome.Status.ACCEPTED, List.of(), r, batch.now)));
        batch.tally.accepted();
    }

    private static void rejected(EventKey key, String type, List<Violation> violations, InboundRecord r, Batch batch) {
        batch.outbox.add(OutcomeRecords.outcome(outcome(key, type, IntakeOutcome.Status.REJECTED, violations, r, batch.now)));
        batch.tally.rejected(violations);
    }

    static IntakeOutcome outcome(EventKey key, String type, IntakeOutcome.Status status, List<Violation> violations,
                                 InboundRecord r, Instant now) {
        // bankCode carries an insurer's code for an insurer's event: bank and insurer codes are one namespace
        return new IntakeOutcome(key.eventId(), key.source(), EventSource.senderCode(key.source()).orElse(null), type, status,
                violations, r.topic(), r.partition(), r.offset(), now);
    }

    private static EventRow row(Candidate c, Status status, String factKey, List<Violation> violations, Instant receivedAt,
                                Instant decidedAt) {
        InboundRecord r = c.record();
        Instant eventTime = c.event() == null ? null : c.event().time().toInstant();
        return new EventRow(c.key(), c.type(), eventTime, status, factKey, violations, r.topic(), r.partition(), r.offset(),
                r.value(), receivedAt, decidedAt);
    }

    /** A record read far enough to have an identity: either a valid event, or violations. */
    private record Candidate(InboundRecord record, EventKey key, String type, BankEvent event, List<Violation> violations) {

        static Candidate rejected(InboundRecord record, EventKey key, String type, List<Violation> violations) {
            return new Candidate(record, key, type, null, violations);
        }
    }

    /** What one transaction accumulates: outbox records, facts it established, and counts for metrics. */
    private static final class Batch {
        final Instant now;
        final List<OutboxRecord> outbox = new ArrayList<>();
        final IntakeMetrics.Tally tally = new IntakeMetrics.Tally();
        private Map<String, Set<String>> created = new LinkedHashMap<>();

        Batch(Instant now) {
            this.now = now;
        }

        void created(String source, String factKey) {
            if (factKey != null) {
                created.computeIfAbsent(source, s -> new HashSet<>()).add(factKey);
            }
        }

        Map<String, Set<String>> takeCreated() {
            Map<String, Set<String>> taken = created;
            created = new HashMap<>();
            return taken;
        }
    }
}
