package cn.shanghai.techfinance.subsidy.claims;

import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the audit trail {@link ClaimStore} writes ({@code claim_transition}), for auditors. */
@Repository
public class AuditTrail {

    private static final String SELECT = "SELECT id, claim_id, claim_version, from_status, to_status, actor, business_date,"
            + " changed_at, reference FROM claim_transition";

    private final JdbcTemplate jdbc;

    public AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One change of a claim's state: {@code from} is null when the claim was computed; {@code at} is
     * the wall-clock instant, {@code businessDate} the business date it was made on (a night's date
     * for the nightly run's changes).
     */
    public record ClaimTransition(long id, String claimId, long version, ClaimStatus from, ClaimStatus to, String actor,
                                  LocalDate businessDate, Instant at, String reference) {
    }

    /** A claim's transitions, oldest first. */
    public List<ClaimTransition> ofClaim(String claimId) {
        return jdbc.query(SELECT + " WHERE claim_id = ? ORDER BY claim_version", AuditTrail::transition, claimId);
    }

    /** The transitions of business dates in [from, to], by id, at most {@code limit} after {@code afterId}. */
    public List<ClaimTransition> between(LocalDate from, LocalDate to, long afterId, int limit) {
        return jdbc.query(SELECT + " WHERE business_date BETWEEN ? AND ? AND id > ? ORDER BY id LIMIT ?", AuditTrail::transition,
                from, to, afterId, limit);
    }

    private static ClaimTransition transition(ResultSet rs, int row) throws SQLException {
        String from = rs.getString("from_status");
        return new ClaimTransition(rs.getLong("id"), rs.getString("claim_id"), rs.getLong("claim_version"),
                from == null ? null : ClaimStatus.valueOf(from), ClaimStatus.valueOf(rs.getString("to_status")),
                rs.getString("actor"), rs.getObject("business_date", LocalDate.class),
                rs.getObject("changed_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("reference"));
    }
}
