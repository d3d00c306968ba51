package cn.shanghai.techfinance.subsidy.claims;

import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What a firm's claims took from each of its caps in earlier nights ({@code cap_usage}). */
@Repository
public class CapUsageStore {

    private final JdbcTemplate jdbc;

    public CapUsageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<CapBucket, BigDecimal> ofFirm(String uscc) {
        Map<CapBucket, BigDecimal> totals = new HashMap<>();
        jdbc.query("SELECT bucket_kind, period, allocated FROM cap_usage WHERE uscc = ?", rs -> {
            totals.put(new CapBucket(CapBucket.Kind.valueOf(rs.getString(1)), uscc, rs.getString(2)), rs.getBigDecimal(3));
        }, uscc);
        return totals;
    }

    public void save(Map<CapBucket, BigDecimal> totals) {
        jdbc.batchUpdate("INSERT INTO cap_usage (bucket_kind, uscc, period, allocated) VALUES (?,?,?,?)"
                        + " ON DUPLICATE KEY UPDATE allocated = ?",
                totals.entrySet().stream().map(e -> new Object[] {e.getKey().kind().name(), e.getKey().uscc(), e.getKey().period(),
                        e.getValue(), e.getValue()}).toList());
    }
}
