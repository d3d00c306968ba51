package cn.shanghai.techfinance.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox rows to Kafka and deletes them once the broker acknowledged every record.
 * Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances relay side by side
 * without sending a row twice; a crash between send and delete re-sends it, which consumers
 * absorb (they are idempotent by event id). Order within a key is kept: rows go in id order and
 * the idempotent producer keeps order per partition.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final TransactionTemplate transaction;
    private final int rowsPerRound;
    private final Duration sendTimeout;

    public OutboxRelay(JdbcTemplate jdbc, KafkaTemplate<byte[], byte[]> kafka, TransactionTemplate transaction,
                       int rowsPerRound, Duration sendTimeout) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.transaction = transaction;
        this.rowsPerRound = rowsPerRound;
        this.sendTimeout = sendTimeout;
    }

    @Scheduled(fixedDelayString = "${outbox.poll-interval:100ms}")
    public void relayPending() {
        try {
            while (relayOneRound() > 0) {
                // keep going while rows are waiting; the schedule resumes once the outbox is empty
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
            List<CompletableFuture<SendResult<byte[], byte[]>>> sent = new ArrayList<>();
            for (Row row : rows) {
                for (OutboxRecord record : Outbox.decode(row.records())) {
                    sent.add(kafka.send(toProducerRecord(record)));
                }
            }
            kafka.flush();
            awaitAll(sent);
            jdbc.batchUpdate("DELETE FROM outbox_batch WHERE id = ?", rows.stream().map(r -> new Object[] {r.id()}).toList());
            return rows.size();
        });
        return relayed == null ? 0 : relayed;
    }

    private void awaitAll(List<CompletableFuture<SendResult<byte[], byte[]>>> sent) {
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the outbox", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox records", e);
        }
    }

    private static ProducerRecord<byte[], byte[]> toProducerRecord(OutboxRecord record) {
        ProducerRecord<byte[], byte[]> producerRecord = new ProducerRecord<>(record.topic(), record.key(), record.value());
        record.headers().forEach((name, value) -> producerRecord.headers().add(new RecordHeader(name, value)));
        return producerRecord;
    }

    private record Row(long id, byte[] records) {
    }
}
