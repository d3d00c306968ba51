package cn.shanghai.techfinance.notifier.registration;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Banks' webhooks (table {@code bank_webhook}), one per bank; registering again replaces it. The
 * secret is stored sealed ({@link WebhookSecrets}), never in clear.
 */
@Repository
public class BankWebhooks {

    private final JdbcTemplate jdbc;
    private final WebhookSecrets secrets;

    public BankWebhooks(JdbcTemplate jdbc, WebhookSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    public void register(BankWebhook webhook) {
        LocalDateTime at = LocalDateTime.ofInstant(webhook.registeredAt(), ZoneOffset.UTC);
        String sealed = secrets.seal(webhook.bankCode(), webhook.secret());
        jdbc.update("""
                INSERT INTO bank_webhook (bank_code, url, key_id, sealed_secret, registered_at) VALUES (?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE url = ?, key_id = ?, sealed_secret = ?, registered_at = ?""",
                webhook.bankCode(), webhook.url().toString(), webhook.keyId(), sealed, at,
                webhook.url().toString(), webhook.keyId(), sealed, at);
    }

    public Optional<BankWebhook> find(String bankCode) {
        return jdbc.query("SELECT bank_code, url, key_id, sealed_secret, registered_at FROM bank_webhook WHERE bank_code = ?",
                (rs, n) -> new BankWebhook(rs.getString(1), URI.create(rs.getString(2)), rs.getString(3),
                        secrets.open(rs.getString(1), rs.getString(4)),
                        rs.getObject(5, LocalDateTime.class).toInstant(ZoneOffset.UTC)), bankCode).stream().findFirst();
    }

    /** The banks that have a webhook now. */
    public Set<String> banks() {
        return new HashSet<>(jdbc.queryForList("SELECT bank_code FROM bank_webhook", String.class));
    }
}
