package cn.shanghai.techfinance.outbox;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox rows to Kafka and deletes them once the broker acknowledged every record,
 * on a thread of its own that polls every {@code outbox.poll-interval} while the application runs.
 * Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances relay side by side
 * without sending a row twice; a crash between send and delete re-sends it, which consumers
 * absorb (they are idempotent by event id). Order within a key is kept: rows go in id order and
 * the idempotent producer keeps order per partition.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Beyond the send timeout, for the database steps of the round under way when the relay stops. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final TransactionTemplate transaction;
    private final int rowsPerRound;
    private final Duration sendTimeout;
    private final Duration pollInterval;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    public OutboxRelay(JdbcTemplate jdbc, KafkaTemplate<byte[], byte[]> kafka, TransactionTemplate transaction,
                       int rowsPerRound, Duration sendTimeout, Duration pollInterval) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.transaction = transaction;
        this.rowsPerRound = rowsPerRound;
        this.sendTimeout = sendTimeout;
        this.pollInterval = pollInterval;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::relayPending, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the round under way finish, so that its rows are deleted or left to be sent again. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(sendTimeout.plus(STOP_MARGIN).toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void relayPending() {
        try {
            while (running && relayOneRound() > 0) {
                // keep going while rows are waiting; the next poll resumes once the outbox is empty
            }
        } catch (RuntimeException e) {
            log.warn("outbox relay failed, rows stay and are retried: {}", e.toString());
        }
    }

    /** Relays up to one round of rows; returns how many rows it relayed. */
    public int relayOneRound() {
        Integer relayed = transaction.execute(status -> {
            List<Row> rows = jdbc.query(
                    "SELECT id, records FROM outbox_batch ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                    (rs, n) -> new Row(rs.getLong(1), rs.getBytes(2)), rowsPerRound);
            if (rows.isEmpty()) {
                return 0;
            }
            List<Sending> sending = new ArrayList<>();
            for (Row row : rows) {
                for (OutboxRecord record : Outbox.decode(row.records())) {
                    sending.add(new Sending(record, send(record)));
                }
            }
            kafka.flush();
            awaitAll(sending);
            parkRefused(sending);
            jdbc.batchUpdate("DELETE FROM outbox_batch WHERE id = ?", rows.stream().map(r -> new Object[] {r.id()}).toList());
            return rows.size();
        });
        return relayed == null ? 0 : relayed;
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

    private record Row(long id, byte[] records) {
    }

    private record Sending(OutboxRecord record, CompletableFuture<SendResult<byte[], byte[]>> result) {
    }
}
