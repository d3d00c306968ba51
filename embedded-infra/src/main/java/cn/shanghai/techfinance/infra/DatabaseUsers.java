package cn.shanghai.techfinance.infra;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Each service's own database user, least privilege each, created by an administrator's
 * connection (SQL common to MySQL 8.4 and MariaDB):
 * <ul>
 *   <li>{@code intake}, {@code subsidy}, {@code notifier}: everything on their own schema and
 *       nothing else (Flyway creates and alters their tables there);</li>
 *   <li>{@code subsidy_ledger}: {@code SELECT} on the ledger tables of schema {@code intake} that
 *       subsidy-batch reads ({@link #LEDGER_TABLES}), nothing else — not intake's event log, parked
 *       events or dead letters, not a single write.</li>
 * </ul>
 * Table grants need the tables: {@link #grantLedgerReads} runs once intake's migrations have.
 */
public final class DatabaseUsers {

    public static final String INTAKE = "intake";
    public static final String SUBSIDY = "subsidy";
    public static final String NOTIFIER = "notifier";
    public static final String LEDGER_READER = "subsidy_ledger";

    /** The users that own a schema, by user: the schema of the same name. */
    public static final List<String> SCHEMA_OWNERS = List.of(INTAKE, SUBSIDY, NOTIFIER);

    /**
     * What subsidy-batch's ledger reader (LedgerReader) selects from, in schema {@code intake}: the
     * fact tables, and the change feed's batches and counter.
     */
    public static final List<String> LEDGER_TABLES = List.of(
            "loan_application", "firm_snapshot", "firm_qualification", "loan_approval", "loan_contract",
            "loan_settlement", "loan_overdue", "loan_default", "insurance_policy", "premium_payment",
            "policy_cancellation", "interest_payment", "dishonesty_listing", "dishonesty_clearance",
            "tech_policy", "tech_policy_qualification", "tech_premium_payment", "tech_policy_cancellation",
            "ledger_batch", "ledger_sequence");

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private DatabaseUsers() {
    }

    /**
     * Creates the users (or sets their passwords again) and grants each owner its schema. {@code
     * passwords} by user: {@link #SCHEMA_OWNERS} and {@link #LEDGER_READER}.
     */
    public static void createUsers(Connection admin, Map<String, String> passwords) throws SQLException {
        try (Statement s = admin.createStatement()) {
            for (String user : List.of(INTAKE, SUBSIDY, NOTIFIER, LEDGER_READER)) {
                createUser(s, user, passwords.get(user));
            }
            for (String owner : SCHEMA_OWNERS) {
                s.execute("GRANT ALL PRIVILEGES ON `" + owner + "`.* TO '" + owner + "'@'%'");
            }
        }
    }

    /**
     * Only the ledger reader, with its reads on {@code ledgerSchema} (whose tables must exist): for
     * a test that reads a ledger as subsidy-batch does in a deployment.
     */
    public static void createLedgerReader(Connection admin, String password, String ledgerSchema) throws SQLException {
        try (Statement s = admin.createStatement()) {
            createUser(s, LEDGER_READER, password);
        }
        grantLedgerReads(admin, ledgerSchema);
    }

    private static void createUser(Statement s, String user, String password) throws SQLException {
        // CREATE USER takes no bound parameters: the password is a generated, checked literal
        s.execute("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + safe(password) + "'");
        s.execute("ALTER USER '" + user + "'@'%' IDENTIFIED BY '" + safe(password) + "'");
    }

    /** SELECT on each of {@link #LEDGER_TABLES} for {@link #LEDGER_READER}; the tables must exist. */
    public static void grantLedgerReads(Connection admin, String ledgerSchema) throws SQLException {
        try (Statement s = admin.createStatement()) {
            for (String table : LEDGER_TABLES) {
                s.execute("GRANT SELECT ON `" + safe(ledgerSchema) + "`.`" + table + "` TO '" + LEDGER_READER + "'@'%'");
            }
        }
    }

    private static String safe(String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("a password or name of 1-64 letters, digits, '_' or '-' is needed");
        }
        return value;
    }
}
