package cn.shanghai.techfinance.subsidy.claims;

import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What a firm's claims took from each of its caps in earlier nights ({@code cap_usage}). */
@Repository
public class CapUsageStore {

    private static final int FIRMS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;

    public CapUsageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Each firm's totals by bucket; a firm none of whose claims took from a cap yet has none. */
    public Map<String, Map<CapBucket, BigDecimal>> ofFirms(Collection<String> usccs) {
        List<String> firms = List.copyOf(new LinkedHashSet<>(usccs));
        Map<String, Map<CapBucket, BigDecimal>> totals = new HashMap<>();
        firms.forEach(uscc -> totals.put(uscc, new HashMap<>()));
        for (int from = 0; from < firms.size(); from += FIRMS_PER_QUERY) {
            List<String> slice = firms.subList(from, Math.min(firms.size(), from + FIRMS_PER_QUERY));
            jdbc.query("SELECT bucket_kind, uscc, period, allocated FROM cap_usage WHERE uscc IN ("
                    + String.join(",", Collections.nCopies(slice.size(), "?")) + ")", rs -> {
                        String uscc = rs.getString(2);
                        totals.get(uscc).put(new CapBucket(CapBucket.Kind.valueOf(rs.getString(1)), uscc, rs.getString(3)),
                                rs.getBigDecimal(4));
                    }, slice.toArray());
        }
        return totals;
    }

    public void save(Map<CapBucket, BigDecimal> totals) {
        // VALUES(allocated), not a second placeholder: the driver rewrites a batch into one multi-row insert only
        // when the ON DUPLICATE KEY UPDATE clause binds nothing
        jdbc.batchUpdate("INSERT INTO cap_usage (bucket_kind, uscc, period, allocated) VALUES (?,?,?,?)"
                        + " ON DUPLICATE KEY UPDATE allocated = VALUES(allocated)",
                totals.entrySet().stream().map(e -> new Object[] {e.getKey().kind().name(), e.getKey().uscc(), e.getKey().period(),
                        e.getValue()}).toList());
    }
}
