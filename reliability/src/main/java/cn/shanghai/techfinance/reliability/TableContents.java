package cn.shanghai.techfinance.reliability;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What a schema's tables hold, row by row, as a multiset per table: the comparison of two runs'
 * ledgers (or claims) by content — a row lost or a row stored twice both show, which a count does
 * not. The columns that only say where and when a row was written (surrogate ids, write times, the
 * ledger's batch, the Kafka offset) are left out: they differ between two correct runs.
 */
final class TableContents {

    /** Columns of bookkeeping, not content. */
    static final Set<String> BOOKKEEPING = Set.of("id", "batch_id", "recorded_at", "received_at", "decided_at", "parked_at", "created_at",
            "updated_at", "discovered_at", "kafka_partition", "kafka_offset");
    private static final String SEPARATOR = "\u001f";

    /** The differences of one table: rows the expected run has that this one lacks, and the reverse (repeats count). */
    record Difference(String table, long missing, long extra, List<String> examples) {

        /** The difference in words, the table's name after {@code prefix} ("ledger ", "claims "). */
        String note(String prefix) {
            return prefix + table + ": " + missing + " rows missing, " + extra + " extra; " + String.join(" | ", examples);
        }
    }

    /** Per table (sorted), each row's text and how many times it is there. */
    private final Map<String, Map<String, Integer>> tables;

    private TableContents(Map<String, Map<String, Integer>> tables) {
        this.tables = tables;
    }

    /** The base tables of {@code schema} that {@code compared} keeps, each read whole. */
    static TableContents read(Connection c, String schema, Predicate<String> compared) throws SQLException {
        Map<String, Map<String, Integer>> tables = new TreeMap<>();
        for (String table : tables(c, schema)) {
            if (compared.test(table)) {
                tables.put(table, rows(c, schema, table));
            }
        }
        return new TableContents(tables);
    }

    private static List<String> tables(Connection c, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private static Map<String, Integer> rows(Connection c, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (!BOOKKEEPING.contains(rs.getString(1).toLowerCase())) {
                        columns.add(rs.getString(1));
                    }
                }
            }
        }
        return rows(c, "SELECT " + String.join(", ", columns) + " FROM " + schema + "." + table);
    }

    /**
     * What each query answers, as the rows of a table named by its key: for tables whose numbering
     * is content (a payment instruction's id) or whose write times must be left out by name.
     */
    static TableContents ofQueries(Connection c, Map<String, String> queries) throws SQLException {
        Map<String, Map<String, Integer>> tables = new TreeMap<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            tables.put(query.getKey(), rows(c, query.getValue()));
        }
        return new TableContents(tables);
    }

    private static Map<String, Integer> rows(Connection c, String query) throws SQLException {
        Map<String, Integer> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i == 1 ? "" : SEPARATOR).append(rs.getMetaData().getColumnLabel(i)).append('=').append(value(rs, i));
                }
                rows.merge(row.toString(), 1, Integer::sum);
            }
        }
        return rows;
    }

    /** A column's value as text; a payload by its SHA-256, so that a ledger of 100,000 events fits in memory twice. */
    private static String value(ResultSet rs, int column) throws SQLException {
        int type = rs.getMetaData().getColumnType(column);
        if (type == Types.BLOB || type == Types.LONGVARBINARY || type == Types.VARBINARY || type == Types.BINARY) {
            byte[] bytes = rs.getBytes(column);
            return bytes == null ? "NULL" : "sha256:" + sha256(bytes);
        }
        String text = rs.getString(column);
        return text == null ? "NULL" : text;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of {@code table} (0 for a table it does not have). */
    long rowCount(String table) {
        return tables.getOrDefault(table, Map.of()).values().stream().mapToLong(Integer::longValue).sum();
    }

    long totalRows() {
        return tables.keySet().stream().mapToLong(this::rowCount).sum();
    }

    /** Rows missing or extra against {@code expected}; each table that differs noted in {@code notes}, its name after {@code prefix}. */
    long differingRows(TableContents expected, String prefix, List<String> notes) {
        long differing = 0;
        for (Difference difference : differencesFrom(expected)) {
            differing += difference.missing() + difference.extra();
            notes.add(difference.note(prefix));
        }
        return differing;
    }

    /** Every table where this differs from {@code expected}, with up to three rows of each kind as examples. */
    List<Difference> differencesFrom(TableContents expected) {
        List<Difference> differences = new ArrayList<>();
        Set<String> names = new TreeSet<>(tables.keySet());
        names.addAll(expected.tables.keySet());
        for (String table : names) {
            Map<String, Integer> want = expected.tables.getOrDefault(table, Map.of());
            Map<String, Integer> have = tables.getOrDefault(table, Map.of());
            long missing = 0;
            long extra = 0;
            List<String> examples = new ArrayList<>();
            for (Map.Entry<String, Integer> row : want.entrySet()) {
                int lacking = row.getValue() - have.getOrDefault(row.getKey(), 0);
                if (lacking > 0) {
                    missing += lacking;
                    if (examples.size() < 3) {
                        examples.add("missing: " + row.getKey());
                    }
                }
            }
            for (Map.Entry<String, Integer> row : have.entrySet()) {
                int surplus = row.getValue() - want.getOrDefault(row.getKey(), 0);
                if (surplus > 0) {
                    extra += surplus;
                    if (examples.size() < 6) {
                        examples.add("extra: " + row.getKey());
                    }
                }
            }
            if (missing > 0 || extra > 0) {
                differences.add(new Difference(table, missing, extra, examples));
            }
        }
        return differences;
    }
}
