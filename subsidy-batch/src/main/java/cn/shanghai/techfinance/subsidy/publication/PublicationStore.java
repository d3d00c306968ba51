package cn.shanghai.techfinance.subsidy.publication;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The published lists ({@code publication}), the claims on each ({@code publication_claim}) and their numbering. */
@Repository
public class PublicationStore {

    private static final String SELECT = "SELECT id, number, program, period_from, period_to, published_on, confirm_by, claim_count,"
            + " total, published_by FROM publication";

    private final JdbcTemplate jdbc;

    public PublicationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next list number of a programme and year (1, 2, …). The counter's row stays locked until the
     * caller's transaction ends, so a concurrent publication waits here, and a rolled-back one gives its
     * number back.
     */
    public int nextNumber(ClaimEvent.Program program, int year) {
        jdbc.update("INSERT INTO publication_counter (program, counter_year, last_number) VALUES (?, ?, 1)"
                + " ON DUPLICATE KEY UPDATE last_number = last_number + 1", program.name(), year);
        return jdbc.queryForObject("SELECT last_number FROM publication_counter WHERE program = ? AND counter_year = ?",
                Integer.class, program.name(), year);
    }

    /** Stores a list and the claims on it (each claim linked to it); answers the list's id. */
    public long insert(Publication list, List<ClaimRecord> claims, Map<String, String> firmNames, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO publication (number, program, period_from, period_to,"
                    + " published_on, confirm_by, claim_count, total, published_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS);
            insert.setString(1, list.number());
            insert.setString(2, list.program().name());
            insert.setObject(3, list.from());
            insert.setObject(4, list.to());
            insert.setObject(5, list.publishedOn());
            insert.setObject(6, list.confirmBy());
            insert.setInt(7, list.count());
            insert.setBigDecimal(8, list.total());
            insert.setString(9, list.publishedBy());
            insert.setObject(10, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
            return insert;
        }, key);
        long id = key.getKey().longValue();
        jdbc.batchUpdate("INSERT INTO publication_claim (publication_id, claim_id, firm_name, amount) VALUES (?,?,?,?)",
                claims.stream().map(c -> new Object[] {id, c.claimId(), firmNames.get(c.uscc()), c.amount()}).toList());
        jdbc.batchUpdate("UPDATE claim SET publication_id = ? WHERE claim_id = ?",
                claims.stream().map(c -> new Object[] {id, c.claimId()}).toList());
        return id;
    }

    public Optional<Publication> find(long id) {
        return jdbc.query(SELECT + " WHERE id = ?", PublicationStore::publication, id).stream().findFirst();
    }

    /** Every list, the newest first. */
    public List<Publication> all() {
        return jdbc.query(SELECT + " ORDER BY id DESC", PublicationStore::publication);
    }

    /** The claims on a list as posted, by trigger date, bank and claim. */
    public List<PublicationEntry> entries(long publicationId) {
        return jdbc.query("SELECT pc.claim_id, c.uscc, pc.firm_name, c.bank_code, pc.amount FROM publication_claim pc"
                        + " JOIN claim c ON c.claim_id = pc.claim_id WHERE pc.publication_id = ?"
                        + " ORDER BY c.trigger_date, c.bank_code, pc.claim_id",
                (rs, n) -> new PublicationEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5)),
                publicationId);
    }

    private static Publication publication(ResultSet rs, int row) throws SQLException {
        return new Publication(rs.getLong("id"), rs.getString("number"), ClaimEvent.Program.valueOf(rs.getString("program")),
                rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
                rs.getObject("published_on", LocalDate.class), rs.getObject("confirm_by", LocalDate.class), rs.getInt("claim_count"),
                rs.getBigDecimal("total"), rs.getString("published_by"));
    }
}
