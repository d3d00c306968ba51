package cn.shanghai.techfinance.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Rows a service has written: every table of its schema counted exactly (InnoDB's TABLE_ROWS is an estimate). */
final class Rows {

    private Rows() {
    }

    static long written(String schema) throws SQLException {
        try (Connection c = BenchSystem.rootConnection(schema); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + schema
                    + "' AND TABLE_TYPE = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            long rows = 0;
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
            return rows;
        }
    }
}
