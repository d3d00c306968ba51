package cn.shanghai.techfinance.outbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Transactional outbox: records to publish are written in the same database transaction as the
 * ledger change that caused them, and {@link OutboxRelay} sends them after commit. A crash can
 * therefore neither lose an outcome nor publish one for a change that was rolled back.
 *
 * <p>The records of one call share one row (a compact binary list), so publishing the outcomes of
 * a consumed batch of a thousand events costs one insert, not a thousand. The tables
 * {@code outbox_batch} and {@code outbox_parked} sit in each service's own schema; their
 * definitions belong to this module ({@link OutboxSchema}), not to the service's migrations.
 *
 * <p>Once a transaction that appended has committed, {@code committed} is called (the relay's
 * {@link OutboxRelay#wake()}): its records go out at once instead of at the relay's next poll.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final Runnable committed;

    public Outbox(JdbcTemplate jdbc) {
        this(jdbc, () -> { });
    }

    public Outbox(JdbcTemplate jdbc, Runnable committed) {
        this.jdbc = jdbc;
        this.committed = committed;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(List<OutboxRecord> records, Instant now) {
        if (records.isEmpty()) {
            return;
        }
        jdbc.update("INSERT INTO outbox_batch (records, record_count, created_at) VALUES (?,?,?)",
                encode(records), records.size(), LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        // without synchronization (a transaction manager that offers none) the relay's poll finds the row
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed.run();
                }
            });
        }
    }

    static byte[] encode(List<OutboxRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(records.size() * 512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(records.size());
            for (OutboxRecord record : records) {
                out.writeUTF(record.topic());
                writeBytes(out, record.key());
                writeBytes(out, record.value());
                out.writeInt(record.headers().size());
                for (Map.Entry<String, byte[]> header : record.headers().entrySet()) {
                    out.writeUTF(header.getKey());
                    writeBytes(out, header.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<OutboxRecord> decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int count = in.readInt();
            List<OutboxRecord> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String topic = in.readUTF();
                byte[] key = readBytes(in);
                byte[] value = readBytes(in);
                int headerCount = in.readInt();
                Map<String, byte[]> headers = new LinkedHashMap<>();
                for (int h = 0; h < headerCount; h++) {
                    headers.put(in.readUTF(), readBytes(in));
                }
                records.add(new OutboxRecord(topic, key, value, headers));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }
}
