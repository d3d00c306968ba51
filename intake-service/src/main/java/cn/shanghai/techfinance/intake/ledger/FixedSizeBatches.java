package cn.shanghai.techfinance.intake.ledger;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts rows in JDBC batches of a few fixed sizes: as many batches of {@link #LARGEST} rows as
 * fit, then the rest in batches of 64, 32, … 1 (its binary digits). The driver rewrites each batch
 * into one multi-row insert, a statement of its own per batch size; with server-side prepared
 * statements (application.yml) a statement is prepared once per connection and kept, where batches
 * of any size would each prepare a new statement of their own (parsing it on both sides, and
 * reading back a description of each of its thousands of parameters) for one use.
 */
final class FixedSizeBatches {

    /** Rows of the largest batch: its statement, about 28 characters a row, stays within the statement cache's SQL limit. */
    static final int LARGEST = 128;

    private FixedSizeBatches() {
    }

    static void insert(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        int from = 0;
        for (int size = LARGEST; size >= 1; size /= 2) {
            while (rows.size() - from >= size) {
                jdbc.batchUpdate(sql, rows.subList(from, from + size));
                from += size;
            }
        }
    }
}
