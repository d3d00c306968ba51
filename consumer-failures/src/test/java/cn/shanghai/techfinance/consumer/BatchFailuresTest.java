package cn.shanghai.techfinance.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.MessagingException;
import org.springframework.transaction.CannotCreateTransactionException;

class BatchFailuresTest {

    @Test
    void theDatabaseOrBrokerAwayIsAnUnavailabilityAtAnyDepth() {
        assertThat(BatchFailures.isUnavailability(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(BatchFailures.isUnavailability(new MessagingException("wrapped",
                new CannotGetJdbcConnectionException("pool empty", new SQLException("refused", "08001"))))).isTrue();
        assertThat(BatchFailures.isUnavailability(new IllegalStateException(new TimeoutException("broker")))).isTrue();
    }

    @Test
    void aRefusedRowOrABugIsNot() {
        assertThat(BatchFailures.isUnavailability(new DataIntegrityViolationException("Data too long"))).isFalse();
        assertThat(BatchFailures.isUnavailability(new UncategorizedSQLException("insert", "INSERT …",
                new SQLException("refused", "45000")))).isFalse();
        assertThat(BatchFailures.isUnavailability(new ClassCastException())).isFalse();
    }

    @Test
    void aBatchThatFailsIsProcessedOneByOneUpToTheRecordThatFailsOnItsOwn() {
        List<List<String>> calls = new ArrayList<>();
        IllegalArgumentException poison = new IllegalArgumentException("poison");
        BatchListenerFailedException thrown = catchThrowableOfType(BatchListenerFailedException.class,
                () -> BatchFailures.process(List.of("a", "b", "x", "c"), records -> {
                    calls.add(records);
                    if (records.contains("x")) {
                        throw poison;
                    }
                }));
        assertThat(thrown.getIndex()).isEqualTo(2);
        assertThat(BatchFailures.cause(new MessagingException("wrapped", thrown))).isSameAs(poison);
        assertThat(calls).containsExactly(List.of("a", "b", "x", "c"), List.of("a"), List.of("b"), List.of("x"));
    }

    @Test
    void anUnavailabilityFailsTheBatchFromItsFirstRecordWithoutTryingOneByOne() {
        List<List<String>> calls = new ArrayList<>();
        BatchListenerFailedException thrown = catchThrowableOfType(BatchListenerFailedException.class,
                () -> BatchFailures.process(List.of("a", "b"), records -> {
                    calls.add(records);
                    throw new CannotCreateTransactionException("database away");
                }));
        assertThat(thrown.getIndex()).isZero();
        assertThat(calls).hasSize(1);
    }

    @Test
    void aBatchThatFailsOnlyAsAWholeEndsProcessedOneByOne() {
        List<List<String>> calls = new ArrayList<>();
        BatchFailures.process(List.of("a", "b"), records -> {
            calls.add(records);
            if (records.size() > 1) {
                throw new IllegalStateException("together only");
            }
        });
        assertThat(calls).containsExactly(List.of("a", "b"), List.of("a"), List.of("b"));
    }
}
