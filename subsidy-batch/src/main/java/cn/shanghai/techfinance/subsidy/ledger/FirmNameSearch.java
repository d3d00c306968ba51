package cn.shanghai.techfinance.subsidy.ledger;

import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Finds firms by part of their name (企业名称) in the ledger's firm snapshots, for an officer who
 * searches claims by a firm's name: subsidy-batch's claims hold only the USCC.
 */
@Repository
public class FirmNameSearch {

    private final JdbcTemplate ledger;

    public FirmNameSearch(@Qualifier("ledger") JdbcTemplate ledger) {
        this.ledger = ledger;
    }

    /**
     * The USCCs of the firms any of whose snapshots (a loan's or a tech-insurance policy's) has a name containing {@code part}, at most
     * {@code limit} of them (in USCC order); {@code %} and {@code _} in {@code part} are taken literally.
     */
    public List<String> usccsNamed(String part, int limit) {
        String literal = part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        // a firm known only from its 科技保险 policies is named by them
        return ledger.queryForList("SELECT uscc FROM firm_snapshot WHERE name LIKE ? UNION SELECT uscc FROM tech_policy WHERE name LIKE ?"
                + " ORDER BY uscc LIMIT ?", String.class, "%" + literal + "%", "%" + literal + "%", limit);
    }
}
