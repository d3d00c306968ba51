package cn.shanghai.techfinance.outbox;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox rows to Kafka and deletes them once the broker acknowledged every record,
 * on a thread of its own while the application runs: woken by each commit that appended
 * ({@link #wake()}, which {@link Outbox} calls), and polling every {@code outbox.poll-interval}
 * for rows no wake-up announced (another instance's, or left by a failed round).
 *
 * <p>No row lock is held while Kafka is waited for. A round
 * <ol>
 *   <li>claims, in a short transaction, the oldest rows by writing a lease on them: this relay's id
 *       and until when it holds them ({@code outbox.lease}, in the database's UTC time, the one clock
 *       every relay shares);</li>
 *   <li>sends their records, outside any transaction, and waits for every acknowledgement;</li>
 *   <li>in a short transaction, deletes the rows it still holds and parks the records Kafka refuses
 *       for good in {@code outbox_parked}.</li>
 * </ol>
 * A round that fails hands its rows back at once; a relay that dies keeps them until its lease
 * runs out, and another relay then sends them again. Delivery is therefore at least once:
 * consumers are idempotent by event id.
 *
 * <p>Order per key: records go out in the order they were appended (row id, then position in the
 * row), and the idempotent producer keeps that order within a partition. Several relays on one
 * table (several instances of a service) keep it too: a relay claims only the oldest rows of the
 * table, and nothing while the oldest row is under another relay's live lease. So one relay sends
 * at a time, each starts only after the rows before its own were acknowledged, and a lease that
 * ran out is taken over from the oldest row on: per key, the first copy of each record arrives in
 * append order. The lease should outlast a round ({@code outbox.send-timeout} and more), or the
 * rows of a relay still waiting for Kafka are taken over and sent twice.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Beyond the send timeout, for the database steps of the round under way when the relay stops. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final TransactionTemplate transaction;
    private final int rowsPerRound;
    private final int recordsPerRound;
    private final Duration sendTimeout;
    private final Duration lease;
    private final Duration pollInterval;
    /** The lease holder's name, new for each relay: a restarted service never takes its predecessor's leases for its own. */
    private final String owner = UUID.randomUUID().toString();
    /** Released by {@link #wake()}; one left over from a round's time starts the next round at once. */
    private final Semaphore wakeUps = new Semaphore(0);
    private ExecutorService worker;
    private volatile boolean running;

    public OutboxRelay(JdbcTemplate jdbc, KafkaTemplate<byte[], byte[]> kafka, PlatformTransactionManager transactionManager,
                       int rowsPerRound, int recordsPerRound, Duration sendTimeout, Duration lease, Duration pollInterval) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.transaction = new TransactionTemplate(transactionManager);
        // no gap locks: a claim at the end of the table never holds back a service's appends
        this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.rowsPerRound = rowsPerRound;
        this.recordsPerRound = recordsPerRound;
        this.sendTimeout = sendTimeout;
        this.lease = lease;
        this.pollInterval = pollInterval;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        worker.execute(this::relayUntilStopped);
    }

    /** Lets the round under way finish, so that its rows are deleted or handed back, not left under a lease. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(sendTimeout.plus(STOP_MARGIN).toMillis(), TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Says that rows were appended and committed: the relay starts its next round now rather than
     * at its next poll. Cheap and never blocks (called on the committing thread).
     */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Relays what is waiting, then sleeps until woken by a commit or for {@code outbox.poll-interval}, until stopped. */
    private void relayUntilStopped() {
        while (running) {
            // a wake-up during the round below starts the next one at once: the round may have missed those rows
            wakeUps.drainPermits();
            relayPending();
            try {
                wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void relayPending() {
        try {
            while (running && relayOneRound() > 0) {
                // keep going while rows are waiting; then wait for a wake-up or the next poll
            }
        } catch (RuntimeException e) {
            log.warn("outbox relay failed, rows stay and are retried: {}", e.toString());
        }
    }

    /** Relays up to one round of rows; returns how many rows it relayed (none while another relay holds the oldest). */
    public int relayOneRound() {
        List<Row> rows = claim();
        if (rows.isEmpty()) {
            return 0;
        }
        try {
            finish(rows, publish(rows));
        } catch (RuntimeException e) {
            handBack(rows, e);
            throw e;
        }
        return rows.size();
    }

    /**
     * Leases the oldest rows: up to {@code rows-per-round} from the head of the table, and no more
     * rows than hold {@code records-per-round} records (at least one row), stopping at
     * the first row under another relay's live lease (this relay's own, left by a failed round,
     * it takes again). Returns them with their records, oldest first.
     */
    List<Row> claim() {
        List<Long> ids = transaction.execute(status -> {
            List<Long> free = jdbc.query("SELECT id, lease_owner, lease_until > UTC_TIMESTAMP(3), record_count FROM outbox_batch"
                            + " ORDER BY id LIMIT ? FOR UPDATE",
                    rs -> {
                        List<Long> prefix = new ArrayList<>();
                        long records = 0;
                        while (rs.next() && (!rs.getBoolean(3) || owner.equals(rs.getString(2)))
                                && (prefix.isEmpty() || records + rs.getInt(4) <= recordsPerRound)) {
                            prefix.add(rs.getLong(1));
                            records += rs.getInt(4);
                        }
                        return prefix;
                    }, rowsPerRound);
            if (!free.isEmpty()) {
                jdbc.update("UPDATE outbox_batch SET lease_owner = ?, lease_until = UTC_TIMESTAMP(3) + INTERVAL ? MICROSECOND WHERE id IN ("
                        + placeholders(free) + ")", arguments(List.of(owner, lease.toNanos() / 1000), free));
            }
            return free;
        });
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT id, records FROM outbox_batch WHERE id IN (" + placeholders(ids) + ") AND lease_owner = ? ORDER BY id",
                (rs, n) -> new Row(rs.getLong(1), rs.getBytes(2)), arguments(ids, List.of(owner)));
    }

    /** Sends the rows' records and waits until Kafka answered every one. */
    List<Sending> publish(List<Row> rows) {
        List<Sending> sending = new ArrayList<>();
        for (Row row : rows) {
            for (OutboxRecord record : Outbox.decode(row.records())) {
                sending.add(new Sending(row.id(), record, send(record)));
            }
        }
        kafka.flush();
        awaitAll(sending);
        return sending;
    }

    /**
     * Deletes the rows this relay still holds and parks their refused records. Rows whose lease ran
     * out and another relay took over are its to send and delete.
     */
    private void finish(List<Row> rows, List<Sending> sent) {
        List<Long> ids = rows.stream().map(Row::id).toList();
        transaction.executeWithoutResult(status -> {
            Set<Long> held = new HashSet<>(jdbc.queryForList(
                    "SELECT id FROM outbox_batch WHERE id IN (" + placeholders(ids) + ") AND lease_owner = ? FOR UPDATE",
                    Long.class, arguments(ids, List.of(owner))));
            if (held.isEmpty()) {
                return;
            }
            parkRefused(sent.stream().filter(s -> held.contains(s.rowId())).toList());
            jdbc.update("DELETE FROM outbox_batch WHERE id IN (" + placeholders(held) + ")", held.toArray());
        });
    }

    /** After a failed round the rows are free at once, for this relay's next round or another's. */
    private void handBack(List<Row> rows, RuntimeException failure) {
        List<Long> ids = rows.stream().map(Row::id).toList();
        try {
            jdbc.update("UPDATE outbox_batch SET lease_owner = NULL, lease_until = NULL WHERE id IN (" + placeholders(ids)
                    + ") AND lease_owner = ?", arguments(ids, List.of(owner)));
        } catch (RuntimeException e) {
            failure.addSuppressed(e); // the lease runs out by itself
        }
    }

    /**
     * Waits until Kafka answered every record. A failure that may pass (broker away, not enough
     * replicas, authorization being fixed…) fails the round, and the rows are sent again later.
     */
    private void awaitAll(List<Sending> sending) {
        CompletableFuture<?>[] futures = sending.stream().map(s -> s.result().exceptionally(e -> null)).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(futures).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the outbox", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox records in time", e);
        }
        for (Sending s : sending) {
            Throwable failure = failure(s);
            if (failure != null && refusal(failure) == null) {
                throw new IllegalStateException("Kafka did not take an outbox record for " + s.record().topic(), failure);
            }
        }
    }

    /**
     * A record Kafka will never take (too large for the broker, a topic name it refuses) would fail
     * every round and hold back every record behind it. It is set aside in {@code outbox_parked},
     * with the reason, for the operator; the others go on.
     */
    private void parkRefused(List<Sending> sending) {
        List<Object[]> parked = new ArrayList<>();
        for (Sending s : sending) {
            Throwable failure = failure(s);
            if (failure != null) {
                String reason = refusal(failure).toString();
                log.error("Kafka refuses an outbox record for {}; parked in outbox_parked: {}", s.record().topic(), reason);
                parked.add(new Object[] {s.record().topic(), Outbox.encode(List.of(s.record())), reason, LocalDateTime.now(ZoneOffset.UTC)});
            }
        }
        jdbc.batchUpdate("INSERT INTO outbox_parked (topic, records, reason, parked_at) VALUES (?,?,?,?)", parked);
    }

    private static Throwable failure(Sending s) {
        try {
            s.result().getNow(null);
            return null;
        } catch (CompletionException | CancellationException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    /** The exception in {@code failure}'s causes that says this record can never be sent, or null. */
    private static Throwable refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidTopicException) {
                return cause;
            }
        }
        return null;
    }

    /** Sends one record; a refusal the producer throws at once (a record too large) is a failed send like any other. */
    private CompletableFuture<SendResult<byte[], byte[]>> send(OutboxRecord record) {
        try {
            return kafka.send(toProducerRecord(record));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static ProducerRecord<byte[], byte[]> toProducerRecord(OutboxRecord record) {
        ProducerRecord<byte[], byte[]> producerRecord = new ProducerRecord<>(record.topic(), record.key(), record.value());
        record.headers().forEach((name, value) -> producerRecord.headers().add(new RecordHeader(name, value)));
        return producerRecord;
    }

    private static String placeholders(Collection<Long> ids) {
        return String.join(",", Collections.nCopies(ids.size(), "?"));
    }

    private static Object[] arguments(List<?> first, List<?> then) {
        return Stream.concat(first.stream(), then.stream()).toArray();
    }

    record Row(long id, byte[] records) {
    }

    record Sending(long rowId, OutboxRecord record, CompletableFuture<SendResult<byte[], byte[]>> result) {
    }
}
