package cn.shanghai.techfinance.notifier.consume;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Consumed records that are no readable outcome or claim (table {@code unreadable_record}), once per offset. */
@Repository
public class UnreadableRecords {

    private static final int PROBLEM_TEXT = 1000;

    private final JdbcTemplate jdbc;

    public UnreadableRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void keep(ConsumedRecord record, String problem, Instant now) {
        jdbc.update("""
                INSERT INTO unreadable_record (kafka_topic, kafka_partition, kafka_offset, problem, payload, received_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE id = id""",
                record.topic(), record.partition(), record.offset(),
                problem.length() <= PROBLEM_TEXT ? problem : problem.substring(0, PROBLEM_TEXT),
                record.value(), LocalDateTime.ofInstant(now, ZoneOffset.UTC));
    }
}
