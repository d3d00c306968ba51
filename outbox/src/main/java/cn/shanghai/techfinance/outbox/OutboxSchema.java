package cn.shanghai.techfinance.outbox;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The outbox's own tables ({@code outbox_batch}, {@code outbox_parked}), created and upgraded by
 * Flyway from {@code db/migration/outbox} with a history table of their own,
 * {@code outbox_schema_history}: the outbox's migration versions never collide with those of the
 * service whose schema it shares.
 */
public class OutboxSchema {

    static final String HISTORY_TABLE = "outbox_schema_history";
    static final String LOCATION = "classpath:db/migration/outbox";

    private final DataSource dataSource;

    public OutboxSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies the outbox migrations not applied yet. The service's own tables are usually there
     * already: they count as version 0 (baseline), so V1 still runs.
     */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
