package cn.shanghai.techfinance.notifier.registration;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Firms' contact addresses (table {@code firm_contact}), one per USCC; registering again replaces it. */
@Repository
public class FirmContacts {

    private final JdbcTemplate jdbc;

    public FirmContacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void register(String uscc, String email, Instant now) {
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        jdbc.update("""
                INSERT INTO firm_contact (uscc, email, registered_at) VALUES (?, ?, ?)
                ON DUPLICATE KEY UPDATE email = ?, registered_at = ?""", uscc, email, at, email, at);
    }

    public Optional<FirmContact> find(String uscc) {
        return jdbc.query("SELECT uscc, email, registered_at FROM firm_contact WHERE uscc = ?",
                (rs, n) -> new FirmContact(rs.getString(1), rs.getString(2),
                        rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC)), uscc).stream().findFirst();
    }

    /** Where a firm receives its notices (通知邮箱). */
    public record FirmContact(String uscc, String email, Instant registeredAt) {
    }
}
