package cn.shanghai.techfinance.consumer;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What every batch consumer of this system does when processing fails. Two kinds of failure:
 * <ul>
 *   <li>the database or the broker is away ({@link #isUnavailability}): the batch is retried with
 *       backoff for as long as it takes, its offsets uncommitted, nothing skipped;</li>
 *   <li>anything else is pinned on the one record that causes it ({@link #process}): the records
 *       before it are kept, it is retried for a short window (a failover's refusals pass within
 *       seconds), then handed to the consumer's dead letters, and the records after it go on.</li>
 * </ul>
 * spring-kafka does the bookkeeping: {@link #process} reports the failed record by its index in a
 * {@link BatchListenerFailedException}, and the {@link DefaultErrorHandler} of {@link #errorHandler}
 * commits the offsets before it, backs off, re-seeks, and calls the recoverer.
 */
public final class BatchFailures {

    private static final Logger log = LoggerFactory.getLogger(BatchFailures.class);

    /** Failures that say the database or broker cannot be reached now, not that a record is wrong. */
    private static final List<Class<? extends Throwable>> UNAVAILABLE = List.of(
            TransientDataAccessException.class, RecoverableDataAccessException.class,
            DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransactionSystemException.class, SQLTransientException.class, SQLRecoverableException.class,
            SQLNonTransientConnectionException.class, RetriableException.class);

    private static final long FIRST_RETRY_MILLIS = 500;

    private BatchFailures() {
    }

    /** Whether {@code failure}, or any of its causes, says the database or the broker is away. */
    public static boolean isUnavailability(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            for (Class<? extends Throwable> type : UNAVAILABLE) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Processes {@code records} in one go; if that fails other than for unavailability, processes
     * them one at a time, in order, to find the record that fails on its own. A failure leaves as a
     * {@link BatchListenerFailedException} with the index of that record (0 when the whole batch
     * failed for unavailability), so {@link #errorHandler} resumes there.
     */
    public static <R> void process(List<R> records, Consumer<List<R>> process) {
        try {
            process.accept(records);
            return;
        } catch (RuntimeException failure) {
            if (isUnavailability(failure)) {
                throw new BatchListenerFailedException("batch not processed: " + failure, failure, 0);
            }
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                process.accept(List.of(records.get(i)));
            } catch (RuntimeException failure) {
                throw new BatchListenerFailedException("record " + i + " of the batch failed: " + failure, failure, i);
            }
        }
    }

    /**
     * The container's error handler: retries an unavailability with exponential backoff (up to
     * {@code maxInterval} between tries) without end; retries a record that fails on its own for
     * {@code recordRetryWindow} of backoff, then logs it and gives it, with the failure that pinned
     * it ({@link #cause}), to {@code deadLetters}, and carries on after it. If {@code deadLetters}
     * fails, the record is retried and recovered again later.
     */
    public static DefaultErrorHandler errorHandler(BiConsumer<ConsumerRecord<?, ?>, Throwable> deadLetters, Duration maxInterval,
                                                   Duration recordRetryWindow) {
        ConsumerRecordRecoverer recoverer = (record, thrown) -> {
            Throwable failure = cause(thrown);
            log.error("record {}-{}@{} failed on its own and is dead-lettered: {}", record.topic(), record.partition(),
                    record.offset(), failure.toString());
            deadLetters.accept(record, failure);
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff(maxInterval, Long.MAX_VALUE));
        handler.setBackOffFunction((record, failure) -> isUnavailability(failure)
                ? backOff(maxInterval, Long.MAX_VALUE)
                : backOff(maxInterval, recordRetryWindow.toMillis()));
        return handler;
    }

    /** The failure a {@link BatchListenerFailedException} in {@code thrown}'s causes carries, else {@code thrown}. */
    public static Throwable cause(Throwable thrown) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof BatchListenerFailedException && t.getCause() != null) {
                return t.getCause();
            }
        }
        return thrown;
    }

    private static BackOff backOff(Duration maxInterval, long maxElapsedMillis) {
        ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY_MILLIS, 2.0);
        backOff.setMaxInterval(Math.max(FIRST_RETRY_MILLIS, maxInterval.toMillis()));
        backOff.setMaxElapsedTime(maxElapsedMillis);
        return backOff;
    }
}
