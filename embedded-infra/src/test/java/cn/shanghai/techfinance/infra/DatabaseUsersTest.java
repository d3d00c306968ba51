package cn.shanghai.techfinance.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services' database users on a real MariaDB server: each owns its schema and nothing else;
 * subsidy-batch's ledger reader may SELECT intake's ledger tables and do nothing more.
 */
class DatabaseUsersTest {

    private static final Map<String, String> PASSWORDS = Map.of(
            DatabaseUsers.INTAKE, "intake-pw-1", DatabaseUsers.SUBSIDY, "subsidy-pw-1",
            DatabaseUsers.NOTIFIER, "notifier-pw-1", DatabaseUsers.LEDGER_READER, "ledger-pw-1");

    @BeforeAll
    static void createSchemasUsersAndTables() throws SQLException {
        try (Connection root = connect("", "root", ""); Statement s = root.createStatement()) {
            for (String schema : DatabaseUsers.SCHEMA_OWNERS) {
                s.execute("DROP DATABASE IF EXISTS " + schema);
                s.execute("CREATE DATABASE " + schema);
            }
            // users first, as the local run does before the services' migrations; run twice: idempotent
            DatabaseUsers.createUsers(root, PASSWORDS);
            DatabaseUsers.createUsers(root, PASSWORDS);
        }
        // the owners' own migrations
        try (Connection intake = connect("intake", DatabaseUsers.INTAKE, PASSWORDS.get(DatabaseUsers.INTAKE));
             Statement s = intake.createStatement()) {
            for (String table : DatabaseUsers.LEDGER_TABLES) {
                s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, note VARCHAR(20))");
                s.execute("INSERT INTO " + table + " VALUES (1, 'row')");
            }
            s.execute("CREATE TABLE intake_event (id BIGINT PRIMARY KEY, payload VARCHAR(20))");
            s.execute("INSERT INTO intake_event VALUES (1, 'raw event')");
        }
        try (Connection subsidy = connect("subsidy", DatabaseUsers.SUBSIDY, PASSWORDS.get(DatabaseUsers.SUBSIDY));
             Statement s = subsidy.createStatement()) {
            s.execute("CREATE TABLE claim (id BIGINT PRIMARY KEY)");
        }
        try (Connection root = connect("", "root", "")) {
            DatabaseUsers.grantLedgerReads(root, "intake");
        }
    }

    @Test
    void theLedgerReaderSelectsEveryLedgerTable() throws SQLException {
        try (Connection ledger = ledgerReader(); Statement s = ledger.createStatement()) {
            for (String table : DatabaseUsers.LEDGER_TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT note FROM " + table + " WHERE id = 1")) {
                    assertThat(rs.next()).as(table).isTrue();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM loan_contract c JOIN loan_approval ap ON ap.id = c.id")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void theLedgerReaderCannotWriteNorChangeAnything() throws SQLException {
        try (Connection ledger = ledgerReader(); Statement s = ledger.createStatement()) {
            for (String write : List.of("INSERT INTO loan_contract VALUES (2, 'new')", "UPDATE loan_contract SET note = 'x' WHERE id = 1",
                    "DELETE FROM loan_contract WHERE id = 1", "CREATE TABLE sneaky (id INT)", "DROP TABLE loan_contract",
                    "ALTER TABLE loan_contract ADD COLUMN x INT", "TRUNCATE TABLE loan_contract")) {
                assertThatThrownBy(() -> s.execute(write)).as(write).isInstanceOf(SQLException.class)
                        .hasMessageContaining("denied");
            }
        }
        try (Connection root = connect("intake", "root", ""); Statement s = root.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(note) FROM loan_contract")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("row");
        }
    }

    @Test
    void theLedgerReaderSeesNothingOutsideTheLedgerTables() throws SQLException {
        try (Connection ledger = ledgerReader(); Statement s = ledger.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM intake_event")).as("intake's event log")
                    .hasMessageContaining("denied");
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM subsidy.claim")).hasMessageContaining("denied");
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM notifier.anything")).hasMessageContaining("denied");
        }
        assertThatThrownBy(() -> connect("subsidy", DatabaseUsers.LEDGER_READER, PASSWORDS.get(DatabaseUsers.LEDGER_READER)).close())
                .hasMessageContaining("denied");
    }

    @Test
    void eachServiceOwnsItsSchemaAndNoOther() throws SQLException {
        try (Connection intake = connect("intake", DatabaseUsers.INTAKE, PASSWORDS.get(DatabaseUsers.INTAKE));
             Statement s = intake.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS migration_probe (id INT)"); // Flyway's DDL in its own schema
            s.execute("DROP TABLE migration_probe");
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM subsidy.claim")).hasMessageContaining("denied");
            assertThatThrownBy(() -> s.execute("CREATE DATABASE other")).hasMessageContaining("denied");
        }
        try (Connection subsidy = connect("subsidy", DatabaseUsers.SUBSIDY, PASSWORDS.get(DatabaseUsers.SUBSIDY));
             Statement s = subsidy.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM intake.loan_contract")).as("only through the ledger reader")
                    .hasMessageContaining("denied");
        }
        assertThatThrownBy(() -> connect("intake", DatabaseUsers.NOTIFIER, PASSWORDS.get(DatabaseUsers.NOTIFIER)).close())
                .hasMessageContaining("denied");
        assertThatThrownBy(() -> connect("notifier", DatabaseUsers.NOTIFIER, "wrong").close()).hasMessageContaining("denied");
    }

    private static Connection ledgerReader() throws SQLException {
        return connect("intake", DatabaseUsers.LEDGER_READER, PASSWORDS.get(DatabaseUsers.LEDGER_READER));
    }

    private static Connection connect(String schema, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + SharedInfrastructure.mariaDb().port() + "/" + schema
                + "?sslMode=DISABLED", user, password);
    }
}
